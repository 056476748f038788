// Clients that trust one test certificate authority and nothing else: HTTPS requests (node:https,
// since fetch cannot take a CA), a ws subclass for stock y-websocket providers, and a bare TLS
// handshake that reports which certificate the server presented.
import { X509Certificate } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import WebSocket from 'ws';

export interface TlsTrust {
  /** PEM certificates to trust; null trusts only Node's built-in roots. */
  readonly ca: string | readonly string[] | null;
  /** The name the client expects in the certificate, when it is not the URL's host. */
  readonly servername?: string;
}

export interface HttpsResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

export interface HttpsRequest {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

function trustOptions(trust: TlsTrust): { ca?: string | string[]; servername?: string } {
  return {
    ...(trust.ca === null ? {} : { ca: trust.ca as string | string[] }),
    ...(trust.servername === undefined ? {} : { servername: trust.servername }),
  };
}

export function httpsRequest(url: string, trust: TlsTrust, request: HttpsRequest = {}): Promise<HttpsResponse> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: request.method ?? 'GET', headers: request.headers ?? {}, ...trustOptions(trust) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

/** A WebSocket class for `WebSocketPolyfill` that trusts the given certificates. */
export function trustingWebSocket(trust: TlsTrust): typeof globalThis.WebSocket {
  class TrustingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, trustOptions(trust));
    }
  }
  return TrustingWebSocket as unknown as typeof globalThis.WebSocket;
}

/** SHA-256 fingerprint of the certificate the server presents on a fresh handshake. */
export function presentedFingerprint(port: number, trust: TlsTrust): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ...trustOptions(trust) }, () => {
      const presented = socket.getPeerX509Certificate();
      socket.destroy();
      if (presented) resolve(presented.fingerprint256);
      else reject(new Error('the server presented no certificate'));
    });
    socket.on('error', reject);
  });
}

export function fingerprintOf(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}
