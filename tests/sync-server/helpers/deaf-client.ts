// A websocket client over a raw TCP socket that never answers a close frame: it reads the relay's
// frames, notes the close code, and keeps sending masked binary frames for as long as the TCP
// connection lasts. Stock clients (ws, browsers) answer the close themselves, so they cannot
// show what a hostile peer that ignores it can still get through.
import net from 'node:net';
import { randomBytes } from 'node:crypto';

const OPCODE_BINARY = 0x2;
const OPCODE_CLOSE = 0x8;

export interface DeafClient {
  /** Binary messages received from the relay, in order. */
  readonly received: Uint8Array[];
  /** Resolves with the code of the relay's close frame (which is never answered). */
  readonly closeFrame: Promise<number>;
  /** Resolves once the TCP connection is gone. */
  readonly ended: Promise<void>;
  send(data: Uint8Array): void;
  /** Several frames in one TCP write, so the relay reads them in one turn. */
  sendTogether(frames: readonly Uint8Array[]): void;
  /** Stops reading from the socket (the relay's send buffer then fills). */
  pause(): void;
  resume(): void;
  destroy(): void;
}

function clientFrame(opcode: number, payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const header = length < 126 ? Buffer.from([0x80 | opcode, 0x80 | length]) : Buffer.alloc(length < 65536 ? 4 : 10);
  if (length >= 126 && length < 65536) {
    header.writeUInt8(0x80 | opcode, 0);
    header.writeUInt8(0x80 | 126, 1);
    header.writeUInt16BE(length, 2);
  } else if (length >= 65536) {
    header.writeUInt8(0x80 | opcode, 0);
    header.writeUInt8(0x80 | 127, 1);
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  const mask = randomBytes(4);
  const masked = Buffer.from(payload);
  for (let i = 0; i < masked.length; i++) masked[i]! ^= mask[i % 4]!;
  return Buffer.concat([header, mask, masked]);
}

/** Parses complete server frames off the front of `buffer`; returns what is left. */
function parseFrames(buffer: Buffer, onFrame: (opcode: number, payload: Buffer) => void): Buffer {
  for (;;) {
    if (buffer.length < 2) return buffer;
    let length = buffer[1]! & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (buffer.length < 4) return buffer;
      length = buffer.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (buffer.length < 10) return buffer;
      length = Number(buffer.readBigUInt64BE(2));
      offset = 10;
    }
    if (buffer.length < offset + length) return buffer;
    onFrame(buffer[0]! & 0x0f, buffer.subarray(offset, offset + length));
    buffer = buffer.subarray(offset + length);
  }
}

export async function connectDeafClient(url: string, options: { localAddress?: string } = {}): Promise<DeafClient> {
  const target = new URL(url);
  const socket = net.connect({ host: target.hostname, port: Number(target.port), ...options });
  socket.on('error', () => {});
  const received: Uint8Array[] = [];
  let setCloseCode: (code: number) => void = () => {};
  const closeFrame = new Promise<number>((resolve) => (setCloseCode = resolve));
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  let pending: Buffer = Buffer.alloc(0);
  let upgraded = false;

  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => {
      socket.write(
        `GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nUpgrade: websocket\r\n` +
          `Connection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      if (!upgraded) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = pending.subarray(0, end).toString();
        if (!head.startsWith('HTTP/1.1 101')) return reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
        upgraded = true;
        pending = pending.subarray(end + 4);
        resolve();
      }
      pending = parseFrames(pending, (opcode, payload) => {
        if (opcode === OPCODE_BINARY) received.push(new Uint8Array(payload));
        if (opcode === OPCODE_CLOSE) setCloseCode(payload.length >= 2 ? payload.readUInt16BE(0) : 1005);
      });
    });
    socket.once('close', () => reject(new Error('connection closed during the upgrade')));
  });

  return {
    received,
    closeFrame,
    ended,
    send(data) {
      if (!socket.destroyed) socket.write(clientFrame(OPCODE_BINARY, data));
    },
    sendTogether(frames) {
      if (!socket.destroyed) socket.write(Buffer.concat(frames.map((f) => clientFrame(OPCODE_BINARY, f))));
    },
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    destroy: () => socket.destroy(),
  };
}
