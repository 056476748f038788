// Awaits a call the relay should refuse and hands back its RelayRequestError (any other outcome fails).
import { RelayRequestError } from '../../wire/relay-client.ts';

export async function refusal(p: Promise<unknown>): Promise<RelayRequestError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RelayRequestError) return e;
    throw e;
  }
  throw new Error('expected a RelayRequestError');
}
