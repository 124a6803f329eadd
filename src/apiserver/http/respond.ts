/** Writing responses: JSON bodies, Status errors, gzip for large bodies as the real server does (> 128 KiB). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { stringify as toYAML } from 'yaml';
import { toStatusError } from '../../api/errors.ts';

const GZIP_MIN = 128 * 1024;

export function sendBody(req: IncomingMessage, res: ServerResponse, code: number, body: string | Buffer, contentType: string, headers: Record<string, string> = {}) {
  let buf = typeof body === 'string' ? Buffer.from(body) : body;
  const h: Record<string, string | number> = { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private', ...headers };
  if (buf.length >= GZIP_MIN && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    buf = gzipSync(buf, { level: 1 });
    h['Content-Encoding'] = 'gzip';
  }
  h['Content-Length'] = buf.length;
  res.writeHead(code, h);
  res.end(req.method === 'HEAD' ? undefined : buf);
}

export function sendJSON(req: IncomingMessage, res: ServerResponse, code: number, obj: unknown, format: 'json' | 'yaml' = 'json', headers?: Record<string, string>) {
  if (format === 'yaml') return sendBody(req, res, code, toYAML(obj), 'application/yaml', headers);
  sendBody(req, res, code, JSON.stringify(obj), 'application/json', headers);
}

export function sendError(req: IncomingMessage, res: ServerResponse, err: unknown) {
  const se = toStatusError(err);
  if (res.headersSent) { res.destroy(); return; }
  sendJSON(req, res, se.code, se.status);
}
