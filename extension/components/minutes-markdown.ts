// The Markdown minutes as the user reads them: the data model writes the text, and this gives
// it the UI's words, language and the browser's time zone (it would otherwise say English, and
// dates would follow whatever zone the data model defaults to).
import type * as Y from 'yjs';
import { meetingMarkdown, type MarkdownLabels } from '../../crdt/index.ts';
import { t, uiLanguage } from '../platform/i18n.ts';

function labels(): MarkdownLabels {
  return {
    untitled: t('meetingUntitled'),
    planned: t('reportPlanned'),
    actual: t('reportActual'),
    over: t('mdOver'),
    agenda: t('agendaTitle'),
    item: t('reportItem'),
    owner: t('actionOwnerPlaceholder'),
    remarks: t('reportNotesTitle'),
    notes: t('reportNotesTitle'),
    decisions: t('decisionsTitle'),
    actions: t('actionsTitle'),
    skipped: t('reportSkipped'),
    extended: t('mdExtended'),
    done: t('actionIsDone'),
    due: t('mdDue'),
  };
}

export function minutesMarkdown(doc: Y.Doc, now?: number): string {
  const timeZone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return meetingMarkdown(doc, { now, locale: uiLanguage(), timeZone, labels: labels() });
}
