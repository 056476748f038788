// Draws the toolbar/store icon at build time (a clock face on a calm teal rounded tile) and encodes it
// as PNG with node:zlib, so no binary asset or image library is needed.
import { deflateSync } from 'node:zlib';

const TILE = [0x1f, 0x6f, 0x6b] as const;
const FACE = [0xf6, 0xf4, 0xee] as const;
const HAND = [0x1f, 0x3a, 0x3d] as const;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

// Coverage of a pixel by a shape, sampled 4x4 for smooth edges at 16 px.
function coverage(size: number, x: number, y: number, inside: (u: number, v: number) => boolean): number {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside((x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size)) hits++;
  return hits / 16;
}

function nearSegment(u: number, v: number, x2: number, y2: number, width: number): boolean {
  const [x1, y1] = [0.5, 0.5];
  const t = Math.max(0, Math.min(1, ((u - x1) * (x2 - x1) + (v - y1) * (y2 - y1)) / ((x2 - x1) ** 2 + (y2 - y1) ** 2)));
  return Math.hypot(u - (x1 + t * (x2 - x1)), v - (y1 + t * (y2 - y1))) < width;
}

// A rounded square: half-width 0.47 of the icon, corner radius 0.18.
function insideTile(u: number, v: number): boolean {
  const inner = 0.47 - 0.18;
  return Math.hypot(Math.max(Math.abs(u - 0.5) - inner, 0), Math.max(Math.abs(v - 0.5) - inner, 0)) < 0.18;
}

export function iconPng(size: number): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const tile = coverage(size, x, y, insideTile);
      const face = coverage(size, x, y, (u, v) => Math.hypot(u - 0.5, v - 0.5) < 0.34);
      const hand = coverage(size, x, y, (u, v) => nearSegment(u, v, 0.5, 0.26, 0.055) || nearSegment(u, v, 0.68, 0.5, 0.055));
      const o = y * (size * 4 + 1) + 1 + x * 4;
      for (let c = 0; c < 3; c++) {
        const base = TILE[c]! * (1 - face) + FACE[c]! * face;
        raw[o + c] = Math.round(base * (1 - hand) + HAND[c]! * hand);
      }
      raw[o + 3] = Math.round(255 * tile);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]);
}

export const ICON_SIZES = [16, 32, 48, 128] as const;
