// The built-in templates' words in French, item for item as in English.
import type { BuiltinTemplateTexts } from './builtin-templates.ts';

export const TEMPLATE_TEXTS_FR: BuiltinTemplateTexts = {
  'builtin-daily-standup': {
    name: 'Stand-up quotidien',
    description: 'Quinze minutes : avancées, projets, obstacles.',
    items: [
      ['Hier', 'Qu’est-ce qui a été fait depuis le dernier stand-up ?'],
      ['Aujourd’hui', 'Sur quoi chacun travaille-t-il aujourd’hui ?'],
      ['Obstacles', 'Qu’est-ce qui bloque, et qui peut aider ?'],
    ],
  },
  'builtin-weekly-team': {
    name: 'Réunion d’équipe hebdomadaire',
    description: 'Actualités, semaine à venir et questions en suspens.',
    items: [
      ['Tour de table', 'Comment va chacun ?'],
      ['Actions de la semaine passée', 'Quelles actions sont terminées, lesquelles sont bloquées ?'],
      ['Actualités de l’équipe', 'Une mise à jour par personne ou par chantier.'],
      ['Priorités de la semaine', 'Qu’est-ce qui compte le plus cette semaine ?'],
      ['Questions en suspens', 'Reste-t-il quelque chose à régler ?'],
      ['Conclusion', 'Récapituler les décisions et les responsables des actions.'],
    ],
  },
  'builtin-one-on-one': {
    name: 'Entretien individuel',
    description: 'Une demi-heure en privé entre une personne et son manager.',
    items: [
      ['Comment ça va ?', 'Humeur, énergie, ce qui la préoccupe.'],
      ['Ses sujets', 'Ce dont elle veut parler.'],
      ['Retours', 'Dans les deux sens.'],
      ['Évolution et objectifs', 'Avancées sur les objectifs à long terme.'],
      ['Prochaines étapes', 'Ce que chacun fera avant le prochain entretien.'],
    ],
  },
  'builtin-retrospective': {
    name: 'Rétrospective',
    description: 'Revenir sur une itération et convenir d’améliorations.',
    items: [
      ['Ouverture', 'Le but de cette rétro ; un rapide tour de table.'],
      ['Ce qui a bien marché', 'À continuer.'],
      ['Ce qui n’a pas bien marché', 'Les difficultés, sans chercher de coupable.'],
      ['Idées d’amélioration', 'Regrouper, puis voter.'],
      ['Actions', 'Trois actions concrètes au plus, chacune avec un responsable.'],
      ['Clôture', 'Cette rétro a-t-elle été utile ?'],
    ],
  },
  'builtin-sprint-planning': {
    name: 'Planification du sprint',
    description: 'S’accorder sur l’objectif du sprint et sur son contenu.',
    items: [
      ['Objectif du sprint', 'Une phrase sur laquelle l’équipe s’engage.'],
      ['Capacité', 'Qui est disponible, et dans quelle mesure.'],
      ['Examen du backlog', 'Les premiers éléments : questions, estimations, critères d’acceptation.'],
      ['Engagement', 'Ce qui entre dans le sprint.'],
      ['Risques et dépendances', 'Qu’est-ce qui pourrait nous bloquer ?'],
    ],
  },
  'builtin-brainstorm': {
    name: 'Remue-méninges',
    description: 'D’abord beaucoup d’idées, on juge ensuite.',
    items: [
      ['Poser le problème', 'La question à laquelle nous répondons, et les contraintes.'],
      ['Idées en silence', 'Chacun note ses idées seul.'],
      ['Partager et regrouper', 'Lire à voix haute, regrouper les idées proches.'],
      ['Vote', 'Choisir les plus prometteuses.'],
      ['Prochaines étapes', 'Qui approfondit quelle idée, et pour quand.'],
    ],
  },
};
