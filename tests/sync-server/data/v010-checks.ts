// What a relay must still serve from the v0.1.0 fixture's state, wherever that state now lives
// (the upgraded SQLite database, or PostgreSQL after migrate-to-postgres): passwords sign in and
// sessions work while the signed-out one stays refused, documents load for their owners only, the
// live share link opens its meeting and the revoked one is refused with 4401, and the owner's
// share list is as it was.
import * as assert from 'uvu/assert';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { libraryView } from '../../../crdt/library-view.ts';
import { meetingView } from '../../../crdt/meeting-view.ts';
import { CloseCode } from '../../../wire/close-codes.ts';
import { waitFor } from '../helpers/relay-harness.ts';
import { destroyProvider, stockProvider } from '../helpers/stock-provider.ts';
import { apiClient } from '../web/access/access-harness.ts';
import type { V010Facts } from './data-fixture.ts';

interface Opened {
  readonly doc: Y.Doc;
  readonly closes: number[];
  readonly provider: WebsocketProvider;
}

function open(url: string, doc: string, token: string): Opened {
  const provider = stockProvider(url, doc, token);
  const closes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  return { doc: provider.doc, closes, provider };
}

function destroy(opened: Opened): void {
  destroyProvider(opened.provider);
}

export async function assertServesV010State(relay: { readonly url: string; readonly httpUrl: string }, facts: V010Facts): Promise<void> {
  const api = apiClient(relay.httpUrl);
  const opened: Opened[] = [];
  try {
    // Passwords and sessions.
    for (const person of [facts.alice, facts.bob]) {
      const signIn = await api('POST', '/api/sessions', { email: person.email, password: person.password });
      assert.is(signIn.status, 200, JSON.stringify(signIn.json));
      assert.is(signIn.json.accountId, person.accountId);
      assert.is((await api('POST', '/api/sessions', { email: person.email, password: `${person.password}!` })).status, 401);
    }
    const [aliceSession] = facts.alice.sessions;
    for (const session of facts.alice.sessions) {
      assert.is((await api('POST', '/api/tokens', { doc: facts.aliceLibrary.doc }, session)).status, 200);
    }
    assert.is((await api('POST', '/api/tokens', { doc: facts.aliceLibrary.doc }, facts.alice.signedOutSession)).status, 401);

    // Documents and ownership.
    const meetingDoc = `meeting/${facts.aliceMeeting.id}`;
    const meetingToken = await api('POST', '/api/tokens', { doc: meetingDoc }, aliceSession);
    assert.is(meetingToken.json.role, 'owner');
    assert.is((await api('POST', '/api/tokens', { doc: `meeting/${facts.bobMeeting.id}` }, aliceSession)).status, 403);
    const bobToken = await api('POST', '/api/tokens', { doc: `meeting/${facts.bobMeeting.id}` }, facts.bob.sessions[0]);
    assert.is(bobToken.json.role, 'owner');
    const libraryToken = await api('POST', '/api/tokens', { doc: facts.aliceLibrary.doc }, aliceSession);

    const meeting = open(relay.url, meetingDoc, meetingToken.json.token);
    const bobMeeting = open(relay.url, `meeting/${facts.bobMeeting.id}`, bobToken.json.token);
    const library = open(relay.url, facts.aliceLibrary.doc, libraryToken.json.token);
    const viewer = open(relay.url, meetingDoc, facts.liveShare.token);
    opened.push(meeting, bobMeeting, library, viewer);
    await waitFor(() => opened.every((o) => o.provider.synced), 'documents synced');
    const view = meetingView(meeting.doc, Date.now());
    assert.is(view.title, facts.aliceMeeting.title);
    assert.equal(view.items.map((item) => item.title), facts.aliceMeeting.items);
    assert.is(view.notes, facts.aliceMeeting.notes);
    assert.is(meetingView(bobMeeting.doc, Date.now()).title, facts.bobMeeting.title);
    assert.equal(libraryView(library.doc).meetings.map((m) => m.id), facts.aliceLibrary.meetings);
    assert.is(meetingView(viewer.doc, Date.now()).title, facts.aliceMeeting.title);

    // The revoked share link stays revoked; the owner's list shows both links as they were.
    const revoked = open(relay.url, meetingDoc, facts.revokedShare.token);
    opened.push(revoked);
    await waitFor(() => revoked.closes.length > 0, 'revoked link refused');
    assert.is(revoked.closes[0], CloseCode.unauthenticated);
    destroy(revoked);
    const shares = await api('GET', `/api/shares?meetingId=${facts.aliceMeeting.id}`, undefined, aliceSession);
    assert.is(shares.status, 200, JSON.stringify(shares.json));
    const byId = new Map((shares.json.shares as { shareId: string; revokedAt: number | null; label: string | null }[]).map((s) => [s.shareId, s]));
    assert.is(byId.get(facts.liveShare.shareId)?.revokedAt, null);
    assert.is(byId.get(facts.liveShare.shareId)?.label, null, 'a link made before labels existed has none');
    assert.type(byId.get(facts.revokedShare.shareId)?.revokedAt, 'number');
  } finally {
    for (const o of opened) destroy(o);
  }
}
