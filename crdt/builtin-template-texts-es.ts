// The built-in templates' words in Spanish, item for item as in English.
import type { BuiltinTemplateTexts } from './builtin-templates.ts';

export const TEMPLATE_TEXTS_ES: BuiltinTemplateTexts = {
  'builtin-daily-standup': {
    name: 'Reunión diaria',
    description: 'Quince minutos: avances, planes, bloqueos.',
    items: [
      ['Ayer', '¿Qué se ha hecho desde la última reunión diaria?'],
      ['Hoy', '¿En qué trabaja hoy cada persona?'],
      ['Bloqueos', '¿Qué nos frena y quién puede ayudar?'],
    ],
  },
  'builtin-weekly-team': {
    name: 'Reunión semanal del equipo',
    description: 'Novedades, la semana que viene y temas pendientes.',
    items: [
      ['Ronda inicial', '¿Cómo está todo el mundo?'],
      ['Tareas de la semana pasada', '¿Cuáles están hechas y cuáles atascadas?'],
      ['Novedades del equipo', 'Una novedad por persona o línea de trabajo.'],
      ['Prioridades de la semana', '¿Qué es lo más importante esta semana?'],
      ['Temas pendientes', '¿Queda algo sin resolver?'],
      ['Cierre', 'Repasar las decisiones y los responsables de cada tarea.'],
    ],
  },
  'builtin-one-on-one': {
    name: 'Reunión uno a uno',
    description: 'Media hora en privado entre una persona y su responsable.',
    items: [
      ['¿Qué tal va todo?', 'Ánimo, energía, lo que le preocupa.'],
      ['Sus temas', 'De qué quiere hablar.'],
      ['Feedback', 'En ambas direcciones.'],
      ['Desarrollo y objetivos', 'Avances en los objetivos a largo plazo.'],
      ['Próximos pasos', 'Qué hará cada uno antes de la próxima reunión.'],
    ],
  },
  'builtin-retrospective': {
    name: 'Retrospectiva',
    description: 'Repasar una iteración y acordar mejoras.',
    items: [
      ['Preparar el terreno', 'Objetivo de esta retro; una ronda rápida.'],
      ['Qué salió bien', 'Seguir haciéndolo.'],
      ['Qué no salió bien', 'Lo que nos ha dificultado el trabajo, sin buscar culpables.'],
      ['Ideas para mejorar', 'Agrupar y después votar.'],
      ['Acciones', 'Como mucho tres acciones concretas, cada una con un responsable.'],
      ['Cierre', '¿Ha sido útil esta retro?'],
    ],
  },
  'builtin-sprint-planning': {
    name: 'Planificación del sprint',
    description: 'Acordar el objetivo del sprint y lo que cabe en él.',
    items: [
      ['Objetivo del sprint', 'Una frase con la que se compromete el equipo.'],
      ['Capacidad', 'Quién está disponible y cuánto.'],
      ['Repaso del backlog', 'Los primeros elementos: preguntas, estimaciones, criterios de aceptación.'],
      ['Compromiso', 'Qué entra en el sprint.'],
      ['Riesgos y dependencias', '¿Qué podría frenarnos?'],
    ],
  },
  'builtin-brainstorm': {
    name: 'Lluvia de ideas',
    description: 'Primero muchas ideas; después, valorarlas.',
    items: [
      ['Plantear el problema', 'La pregunta que respondemos y las restricciones.'],
      ['Ideas en silencio', 'Cada persona escribe sus ideas a solas.'],
      ['Compartir y agrupar', 'Leerlas en voz alta y agrupar las parecidas.'],
      ['Votación', 'Elegir las más prometedoras.'],
      ['Próximos pasos', 'Quién explora cada idea y para cuándo.'],
    ],
  },
};
