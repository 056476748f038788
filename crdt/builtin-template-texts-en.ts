// The built-in templates' words in English: the reference every other language follows, item
// for item (the parity test holds them to it).
import type { BuiltinTemplateTexts } from './builtin-templates.ts';

export const TEMPLATE_TEXTS_EN: BuiltinTemplateTexts = {
  'builtin-daily-standup': {
    name: 'Daily standup',
    description: 'Fifteen minutes: progress, plans, blockers.',
    items: [
      ['Yesterday', 'What got done since the last standup?'],
      ['Today', 'What is each person working on today?'],
      ['Blockers', 'What is in the way, and who can help?'],
    ],
  },
  'builtin-weekly-team': {
    name: 'Weekly team meeting',
    description: 'Updates, the week ahead, and open questions.',
    items: [
      ['Check-in', 'How is everyone doing?'],
      ["Review last week's actions", 'Which actions are done, which are stuck?'],
      ['Team updates', 'One update per person or workstream.'],
      ['Priorities for the week', 'What matters most this week?'],
      ['Open questions', 'Anything unresolved?'],
      ['Wrap-up', 'Recap decisions and action owners.'],
    ],
  },
  'builtin-one-on-one': {
    name: '1:1',
    description: 'A private half hour between a person and their manager.',
    items: [
      ['How are things?', 'Mood, energy, anything on their mind.'],
      ['Their topics', 'What they want to talk about.'],
      ['Feedback', 'Both directions.'],
      ['Growth and goals', 'Progress on longer-term goals.'],
      ['Next steps', 'What each of you will do before the next 1:1.'],
    ],
  },
  'builtin-retrospective': {
    name: 'Retrospective',
    description: 'Look back on an iteration and agree on improvements.',
    items: [
      ['Set the stage', 'Goal of this retro; a quick check-in.'],
      ['What went well', 'Keep doing.'],
      ['What did not go well', 'Pain points, without blame.'],
      ['Ideas to improve', 'Group, then vote.'],
      ['Actions', 'At most three concrete actions, each with an owner.'],
      ['Close', 'How useful was this retro?'],
    ],
  },
  'builtin-sprint-planning': {
    name: 'Sprint planning',
    description: 'Agree on the sprint goal and what fits in it.',
    items: [
      ['Sprint goal', 'One sentence the team commits to.'],
      ['Capacity', 'Who is around, and how much.'],
      ['Backlog walk-through', 'Top items: questions, estimates, acceptance.'],
      ['Commitment', 'What goes into the sprint.'],
      ['Risks and dependencies', 'What could stop us?'],
    ],
  },
  'builtin-brainstorm': {
    name: 'Brainstorm',
    description: 'Many ideas first, judgement later.',
    items: [
      ['Frame the problem', 'The question we are answering, and constraints.'],
      ['Silent ideas', 'Everyone writes ideas alone.'],
      ['Share and cluster', 'Read out, group similar ideas.'],
      ['Vote', 'Pick the most promising.'],
      ['Next steps', 'Who explores which idea, by when.'],
    ],
  },
};
