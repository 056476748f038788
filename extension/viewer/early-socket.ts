// The viewer's websocket, opened by a small script inlined in the shell (early-start.ts) while
// the bundle still downloads, so the relay's copy of the meeting travels while Yjs, Svelte and the
// page's code are fetched and compiled: on a cold visit the bundle starts running some 100 ms
// after the shell was parsed, and the socket used to open only then. On open it asks for the
// whole meeting (sync step 1 from an empty document) and keeps every event until the page's
// WebsocketProvider adopts it: `adoptingWebSocket` is the provider's WebSocket class, whose first
// construction for this URL returns the open socket and replays what the provider missed
// (messages first, then open, so the provider's own step 1 carries the state it now has and the
// relay answers with nothing new). Any later construction (a reconnect) opens a fresh socket, so
// it stays one socket per page. The inlined script and the bundle are separate scripts; the
// instance passes between them through one window property.
import { SYNC_PATH } from '../../wire/api-routes.ts';

/** y-protocols' sync step 1 from an empty document: message sync (0), step 1 (0), then the empty
 *  state vector ([0], one varint: no clients) as a length-prefixed array. */
export const EMPTY_SYNC_STEP1: Uint8Array<ArrayBuffer> = new Uint8Array([0, 0, 1, 0]);


/** The relay's sync endpoint on this page's own origin (the provider's serverUrl). */
export function syncServerUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${SYNC_PATH}`;
}

/** The URL the provider builds for this document and token (y-websocket: server/room?params). */
export function syncSocketUrl(serverUrl: string, docName: string, token: string): string {
  return `${serverUrl}/${docName}?token=${encodeURIComponent(token)}`;
}

const GLOBAL_KEY = '__ltmEarlySocket' as const;

type EarlyGlobal = { [GLOBAL_KEY]?: EarlySocket };

/** For the inlined script: leaves the socket where the bundle will look for it. */
export function publishEarlySocket(target: object, early: EarlySocket): void {
  (target as EarlyGlobal)[GLOBAL_KEY] = early;
}

/** For the bundle: the socket the inlined script opened, once (null when it did not run). */
export function takeEarlySocket(target: object): EarlySocket | null {
  const holder = target as EarlyGlobal;
  const early = holder[GLOBAL_KEY] ?? null;
  delete holder[GLOBAL_KEY];
  return early;
}

type Recorded =
  | { readonly type: 'open'; readonly event: Event }
  | { readonly type: 'message'; readonly event: MessageEvent }
  | { readonly type: 'close'; readonly event: CloseEvent }
  | { readonly type: 'error'; readonly event: Event };

type SocketClass = typeof WebSocket;
type SocketData = Parameters<WebSocket['send']>[0];

/** The subset of a WebSocket that y-websocket's provider uses. */
interface ProviderSocket {
  binaryType: BinaryType;
  readonly readyState: number;
  readonly OPEN: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: SocketData): void;
  close(code?: number, reason?: string): void;
}

/** The relay's answer to a step 1: message sync (0), step 2 (1). */
function isSyncStep2(data: unknown): boolean {
  if (!(data instanceof ArrayBuffer) || data.byteLength < 2) return false;
  const [type, step] = new Uint8Array(data, 0, 2);
  return type === 0 && step === 1;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}

/** The early socket, handed to the provider: it forwards live events and replays recorded ones. */
class AdoptedSocket implements ProviderSocket {
  readonly OPEN = 1;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly #socket: WebSocket;
  /** The early socket already asked for the whole meeting; asking again would fetch it twice. */
  #askedFromEmpty: boolean;

  constructor(socket: WebSocket, recorded: readonly Recorded[], askedFromEmpty: boolean) {
    this.#socket = socket;
    this.#askedFromEmpty = askedFromEmpty;
    socket.onopen = (event) => this.onopen?.(event);
    socket.onmessage = (event: MessageEvent) => this.onmessage?.(event);
    socket.onclose = (event) => this.onclose?.(event);
    socket.onerror = (event) => this.onerror?.(event);
    // The provider sets its handlers right after construction.
    queueMicrotask(() => this.#replay(recorded));
  }

  get binaryType(): BinaryType {
    return this.#socket.binaryType;
  }

  set binaryType(type: BinaryType) {
    this.#socket.binaryType = type;
  }

  get readyState(): number {
    return this.#socket.readyState;
  }

  send(data: SocketData): void {
    if (this.#askedFromEmpty && data instanceof Uint8Array && sameBytes(data, EMPTY_SYNC_STEP1)) {
      this.#askedFromEmpty = false;
      return;
    }
    this.#socket.send(data);
  }

  close(code?: number, reason?: string): void {
    this.#socket.close(code, reason);
  }

  #replay(recorded: readonly Recorded[]): void {
    const order = (r: Recorded) => (r.type === 'message' ? 0 : r.type === 'open' ? 1 : 2);
    for (const r of [...recorded].sort((a, b) => order(a) - order(b))) {
      if (r.type === 'message') this.onmessage?.(r.event);
      else if (r.type === 'open') this.onopen?.(r.event);
      else if (r.type === 'close') this.onclose?.(r.event);
      else this.onerror?.(r.event);
    }
  }
}

export class EarlySocket {
  readonly url: string;
  readonly #SocketClass: SocketClass;
  #socket: WebSocket | null;
  #recorded: Recorded[] = [];

  constructor(url: string, SocketClass: SocketClass, onOpen?: () => void) {
    this.url = url;
    this.#SocketClass = SocketClass;
    const socket = new SocketClass(url);
    socket.binaryType = 'arraybuffer';
    socket.onopen = (event) => {
      this.#recorded.push({ type: 'open', event });
      socket.send(EMPTY_SYNC_STEP1);
      onOpen?.();
    };
    socket.onmessage = (event: MessageEvent) => this.#recorded.push({ type: 'message', event });
    socket.onclose = (event) => this.#recorded.push({ type: 'close', event });
    socket.onerror = (event) => this.#recorded.push({ type: 'error', event });
    this.#socket = socket;
  }

  /** For a page that will not follow the meeting after all: the socket closes, unadopted. */
  discard(): void {
    const socket = this.#socket;
    this.#socket = null;
    this.#recorded = [];
    socket?.close();
  }

  /** A WebSocket class for the provider: the early socket once, for its URL; new sockets after. */
  adoptingWebSocket(): SocketClass {
    const early = this;
    const SocketClass = this.#SocketClass;
    return function ProviderWebSocket(url: string, protocols?: string | string[]): ProviderSocket {
      return early.#claim(url) ?? new SocketClass(url, protocols);
    } as unknown as SocketClass;
  }

  #claim(url: string): ProviderSocket | null {
    const socket = this.#socket;
    if (socket === null) return null;
    this.#socket = null;
    if (url !== this.url) {
      socket.close();
      return null;
    }
    const recorded = this.#recorded;
    this.#recorded = [];
    // Opened (so asked, on open), and the answer not yet here: the provider's own empty step 1
    // would be answered twice.
    const asked = recorded.some((r) => r.type === 'open');
    const answered = recorded.some((r) => r.type === 'message' && isSyncStep2(r.event.data));
    return new AdoptedSocket(socket, recorded, asked && !answered);
  }
}
