/** Writing responses: JSON bodies, Status errors, gzip for large bodies as the real server does (> 128 KiB). */
import { storedText } from '../registry/codec.ts';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { createGzip, gzipSync, type Gzip } from 'node:zlib';
import { toStatusError, type StatusError } from '../../api/errors.ts';

const GZIP_MIN = 128 * 1024;

export function sendBody(req: IncomingMessage, res: ServerResponse, code: number, body: string | Buffer, contentType: string, headers: Record<string, string> = {}) {
  const h: Record<string, string | number> = { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private', ...headers };
  let out: string | Buffer = body;
  const size = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  // Level 1, as the real server compresses (endpoints/handlers/responsewriters/writers.go).
  if (size >= GZIP_MIN && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    out = gzipSync(body, { level: 1 });
    h['Content-Encoding'] = 'gzip';
  }
  h['Content-Length'] = out === body ? size : out.length;
  res.writeHead(code, h);
  res.end(req.method === 'HEAD' ? undefined : out);
}

export function sendJSON(req: IncomingMessage, res: ServerResponse, code: number, obj: unknown, format: 'json' | 'yaml' = 'json', headers?: Record<string, string>) {
  if (format === 'yaml') {
    // Loaded on first use: YAML answers are rare (kubectl asks for JSON).
    import('yaml').then(({ stringify }) => sendBody(req, res, code, stringify(obj), 'application/yaml', headers), () => res.destroy());
    return;
  }
  // A stored object as written by this request: its stored text, not a second serialization.
  sendBody(req, res, code, storedText(obj) ?? JSON.stringify(obj), 'application/json', headers);
}

export function sendError(req: IncomingMessage, res: ServerResponse, err: unknown) {
  const se = toStatusError(err);
  if (res.headersSent) { res.destroy(); return; }
  sendJSON(req, res, se.code, se.status);
}

/**
 * A large JSON body written in pieces (chunked, gzip-streamed when the client accepts it),
 * so a LIST of many objects never becomes one 40 MB string or buffer.
 */
export function sendPieces(req: IncomingMessage, res: ServerResponse, code: number, head: string, items: string[], tail: string, contentType = 'application/json') {
  const h: Record<string, string> = { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private' };
  let total = head.length + tail.length + items.length;
  for (const s of items) total += s.length;
  if (total < GZIP_MIN) return sendBody(req, res, code, `${head}${items.join(',')}${tail}`, contentType);
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (gzip) h['Content-Encoding'] = 'gzip';
  res.writeHead(code, h);
  if (req.method === 'HEAD') { res.end(); return; }
  const out = gzip ? createGzip({ level: 1 }) : res;
  if (gzip) (out as Gzip).pipe(res);
  const PIECE = 256 * 1024;
  let buf = head;
  for (let i = 0; i < items.length; i++) {
    buf += i ? `,${items[i]}` : items[i];
    if (buf.length >= PIECE) { out.write(buf); buf = ''; }
  }
  out.end(buf + tail);
}

/** A Status error written as a whole HTTP response on a raw (upgrade) socket, which is then closed. */
export function writeSocketStatus(socket: Duplex, se: StatusError): void {
  if (!socket.writable) { socket.destroy(); return; }
  const body = JSON.stringify(se.status);
  socket.end(`HTTP/1.1 ${se.code} ${STATUS_CODES[se.code] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
