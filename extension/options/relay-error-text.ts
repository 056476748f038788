// What the options page says when the relay answers a form with an error: the cases a form knows
// (wrong password, a taken email, a refused name) in its own words, the rest in shared ones.
import { t } from '../platform/i18n.ts';
import { RelayRequestError } from '../data/relay-api.ts';

export function relayErrorText(e: unknown, known: (error: RelayRequestError) => string | null = () => null): string {
  if (e instanceof RelayRequestError) {
    if (e.code === 'network') return t('optErrorNetwork');
    return known(e) ?? t('optErrorRelay', e.message);
  }
  return t('optErrorRelay', e instanceof Error ? e.message : String(e));
}
