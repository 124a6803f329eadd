/**
 * Answers for an HTTP upgrade request that we refuse: the socket has no ServerResponse, so the
 * status line and a Kubernetes Status body are written by hand. kubectl shows a non-101 body that
 * parses as a Status as that error, and (1.30+) falls back from WebSocket to SPDY on any non-101
 * [src: apimachinery pkg/util/httpstream/spdy/roundtripper.go].
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  code: number;
}

export function failureStatus(code: number, reason: string, message: string): StatusBody {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

/** Writes a complete non-101 HTTP/1.1 response and closes the socket. */
export function refuseUpgrade(socket: Duplex, code: number, reason: string, message: string,
  extraHeaders: [string, string][] = []): void {
  const body = JSON.stringify(failureStatus(code, reason, message));
  const lines = [
    `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? 'Error'}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...extraHeaders.map(([k, v]) => `${k}: ${v}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

/** Writes the 101 for a SPDY/3.1 upgrade, naming the chosen X-Stream-Protocol-Version. */
export function acceptSpdyUpgrade(socket: Duplex, protocol: string): void {
  socket.write([
    'HTTP/1.1 101 Switching Protocols',
    'Connection: Upgrade',
    'Upgrade: SPDY/3.1',
    `X-Stream-Protocol-Version: ${protocol}`,
    '', '',
  ].join('\r\n'));
}

/** Header values as sent, one entry per header line and comma-separated item (kubectl repeats the header). */
export function headerList(req: { headersDistinct: Record<string, string[] | undefined> }, name: string): string[] {
  return (req.headersDistinct[name] ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** Which kind of upgrade the request asks for. */
export function upgradeKind(req: { method?: string; headers: Record<string, string | string[] | undefined> }):
  'websocket' | 'spdy' | undefined {
  const up = String(req.headers.upgrade ?? '').toLowerCase();
  if (req.method === 'GET' && up === 'websocket') return 'websocket';
  if (up.includes('spdy/3.1')) return 'spdy';
  return undefined;
}
