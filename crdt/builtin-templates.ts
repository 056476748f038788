// The templates every library starts with. They live in code, not in the document, so they can
// improve with the product; a person who wants to change one duplicates it first.
import type { TemplateId } from './ids.ts';
import type { TemplateItem, TemplateView } from './views.ts';

const MIN = 60;

function item(title: string, minutes: number, prompt = ''): TemplateItem {
  return Object.freeze({ title, plannedSec: minutes * MIN, prompt });
}

function builtIn(id: string, name: string, description: string, items: TemplateItem[]): TemplateView {
  return Object.freeze({
    id: id as TemplateId,
    name,
    description,
    builtIn: true,
    durationSec: null,
    items: Object.freeze(items),
    itemsPlannedSec: items.reduce((s, i) => s + i.plannedSec, 0),
    createdAt: null,
    updatedAt: null,
  });
}

export const BUILTIN_TEMPLATES: readonly TemplateView[] = Object.freeze([
  builtIn('builtin-daily-standup', 'Daily standup', 'Fifteen minutes: progress, plans, blockers.', [
    item('Yesterday', 5, 'What got done since the last standup?'),
    item('Today', 5, 'What is each person working on today?'),
    item('Blockers', 5, 'What is in the way, and who can help?'),
  ]),
  builtIn('builtin-weekly-team', 'Weekly team meeting', 'Updates, the week ahead, and open questions.', [
    item('Check-in', 5, 'How is everyone doing?'),
    item('Review last week\'s actions', 10, 'Which actions are done, which are stuck?'),
    item('Team updates', 15, 'One update per person or workstream.'),
    item('Priorities for the week', 15, 'What matters most this week?'),
    item('Open questions', 10, 'Anything unresolved?'),
    item('Wrap-up', 5, 'Recap decisions and action owners.'),
  ]),
  builtIn('builtin-one-on-one', '1:1', 'A private half hour between a person and their manager.', [
    item('How are things?', 5, 'Mood, energy, anything on their mind.'),
    item('Their topics', 10, 'What they want to talk about.'),
    item('Feedback', 5, 'Both directions.'),
    item('Growth and goals', 5, 'Progress on longer-term goals.'),
    item('Next steps', 5, 'What each of you will do before the next 1:1.'),
  ]),
  builtIn('builtin-retrospective', 'Retrospective', 'Look back on an iteration and agree on improvements.', [
    item('Set the stage', 5, 'Goal of this retro; a quick check-in.'),
    item('What went well', 10, 'Keep doing.'),
    item('What did not go well', 10, 'Pain points, without blame.'),
    item('Ideas to improve', 15, 'Group, then vote.'),
    item('Actions', 10, 'At most three concrete actions, each with an owner.'),
    item('Close', 5, 'How useful was this retro?'),
  ]),
  builtIn('builtin-sprint-planning', 'Sprint planning', 'Agree on the sprint goal and what fits in it.', [
    item('Sprint goal', 10, 'One sentence the team commits to.'),
    item('Capacity', 5, 'Who is around, and how much.'),
    item('Backlog walk-through', 30, 'Top items: questions, estimates, acceptance.'),
    item('Commitment', 10, 'What goes into the sprint.'),
    item('Risks and dependencies', 5, 'What could stop us?'),
  ]),
  builtIn('builtin-brainstorm', 'Brainstorm', 'Many ideas first, judgement later.', [
    item('Frame the problem', 5, 'The question we are answering, and constraints.'),
    item('Silent ideas', 10, 'Everyone writes ideas alone.'),
    item('Share and cluster', 15, 'Read out, group similar ideas.'),
    item('Vote', 5, 'Pick the most promising.'),
    item('Next steps', 10, 'Who explores which idea, by when.'),
  ]),
]);

export function builtinTemplate(id: string): TemplateView | null {
  return BUILTIN_TEMPLATES.find((t) => t.id === id) ?? null;
}
