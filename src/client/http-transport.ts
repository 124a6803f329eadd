/**
 * The HTTPS transport: REST paths over node:https with keep-alive, authenticated by a
 * client certificate or a bearer token. Non-2xx answers become `StatusError`s from the
 * server's Status body (or a synthesized one when the body is not a Status, as client-go's
 * newUnstructuredResponseError does). Watches read the chunked body as one JSON event
 * per line (kubectl-contract §3.2).
 */
import { Agent, request as httpsRequest, type RequestOptions } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { Status } from 'kubernetes-types/meta/v1.d.ts';
import { StatusError } from '../api/errors.ts';
import type { Transport, TransportRequest, TransportResponse, WatchEvent, WatchStream } from './transport.ts';

export interface HttpTransportOptions {
  /** e.g. `https://127.0.0.1:6443`. */
  server: string;
  /** PEM of the CA that signed the server's certificate. */
  ca?: string;
  /** PEM client certificate and key. */
  cert?: string;
  key?: string;
  token?: string;
  insecureSkipTLSVerify?: boolean;
  /** TLS server name when it differs from the URL's host. */
  tlsServerName?: string;
  userAgent?: string;
}

const METHOD: Record<TransportRequest['verb'], string> = {
  get: 'GET', list: 'GET', create: 'POST', update: 'PUT', patch: 'PATCH', delete: 'DELETE', deletecollection: 'DELETE',
};

/** The REST path of a request: /api/v1/… or /apis/<group>/<version>/…, then namespace, resource, name, subresource. */
export function restPath(r: TransportRequest): string {
  const { group, version, plural } = r.resource;
  const parts = [group ? `/apis/${group}/${version}` : `/api/${version}`];
  if (r.namespace && plural !== 'namespaces') parts.push(`namespaces/${encodeURIComponent(r.namespace)}`);
  parts.push(plural);
  if (r.name) parts.push(encodeURIComponent(r.name));
  if (r.subresource) parts.push(r.subresource);
  const q = r.query?.toString();
  return parts.join('/') + (q ? `?${q}` : '');
}

export function httpTransport(opts: HttpTransportOptions): Transport {
  const base = new URL(opts.server);
  const agent = new Agent({
    keepAlive: true, ca: opts.ca, cert: opts.cert, key: opts.key,
    rejectUnauthorized: !opts.insecureSkipTLSVerify, servername: opts.tlsServerName,
  });
  const headers: Record<string, string> = { 'User-Agent': opts.userAgent ?? 'k8ts-client', Accept: 'application/json' };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;

  const send = (r: TransportRequest, path: string): Promise<IncomingMessage> => {
    let payload: Buffer | undefined;
    const h = { ...headers };
    if (r.body !== undefined) {
      payload = Buffer.from(typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
      h['Content-Type'] = r.verb === 'patch' ? (r.patchType ?? 'application/merge-patch+json') : 'application/json';
      h['Content-Length'] = String(payload.length);
    }
    const o: RequestOptions = {
      agent, protocol: base.protocol, hostname: base.hostname.replace(/^\[|\]$/g, ''), port: base.port || 443,
      path: base.pathname.replace(/\/$/, '') + path, method: METHOD[r.verb], headers: h,
    };
    return new Promise((resolve, reject) => {
      const req = httpsRequest(o, resolve);
      req.on('error', reject);
      req.end(payload);
    });
  };

  return {
    async request(r): Promise<TransportResponse> {
      const res = await send(r, restPath(r));
      const text = await readAll(res);
      const code = res.statusCode ?? 0;
      if (code < 200 || code > 299) throw decodeError(code, text);
      return { code, body: text ? JSON.parse(text) : undefined, warnings: parseWarnings(res.headers.warning) };
    },
    async watch(r): Promise<WatchStream> {
      const q = new URLSearchParams(r.query);
      q.set('watch', 'true');
      const res = await send({ ...r, verb: 'get' }, restPath({ ...r, query: q }));
      const code = res.statusCode ?? 0;
      if (code !== 200) throw decodeError(code, await readAll(res));
      return lineStream(res);
    },
    close: () => agent.destroy(),
  };
}

async function readAll(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A Status body as the server sent it; anything else gets a Status named after the HTTP code. */
export function decodeError(code: number, text: string): StatusError {
  try {
    const s = JSON.parse(text) as Status;
    if (s && s.kind === 'Status') return new StatusError(s);
  } catch { /* not JSON */ }
  const reason = ({ 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed', 409: 'Conflict', 410: 'Expired', 422: 'Invalid', 429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout' } as Record<number, string>)[code] ?? '';
  return new StatusError({ code, reason, message: text.trim() || `the server responded with the status code ${code} but did not return more information` });
}

function parseWarnings(h: string | string[] | undefined): string[] | undefined {
  if (!h) return undefined;
  const out: string[] = [];
  for (const line of Array.isArray(h) ? h : [h]) {
    const m = /^\s*299\s+\S+\s+("(?:[^"\\]|\\.)*")/.exec(line);
    if (m) out.push(JSON.parse(m[1]) as string);
  }
  return out.length ? out : undefined;
}

function lineStream(res: IncomingMessage): WatchStream {
  let closed = false;
  const close = () => { closed = true; res.destroy(); };
  async function* events(): AsyncGenerator<WatchEvent> {
    let buf = '';
    try {
      for await (const chunk of res) {
        buf += (chunk as Buffer).toString('utf8');
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i).trim();
          buf = buf.slice(i + 1);
          if (line) yield JSON.parse(line) as WatchEvent;
        }
      }
    } catch (e) {
      // A stream we closed ourselves ends quietly; a broken one ends too, and the informer re-watches.
      if (!closed && (e as NodeJS.ErrnoException).code !== 'ECONNRESET' && (e as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw e;
    } finally {
      close();
    }
  }
  const gen = events();
  return { close, [Symbol.asyncIterator]: () => gen };
}
