/**
 * The kubelet's HTTPS API (port 10250 by default): `GET /containerLogs/{ns}/{pod}/{container}`
 * served from the CRI log files, and the streaming upgrades (`/exec`, `/attach`, `/portForward`)
 * handed to `streams` (501 without one, and for `/run`). Routes follow
 * pkg/kubelet/server/server.go. How a container maps to its log file is the node agent's
 * business, injected as `findLogFile`.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ADMIN_USER } from '../../apiserver/pki/index.ts';
import { parseStreamPath, type StreamHandler } from '../streams/handler.ts';
import { authorizeKubeletRequest, KUBELET_CLIENT_USER } from './authz.ts';
import { parseLogOptions } from './log-options.ts';
import { readLogs, restartOf } from './log-read.ts';

export interface KubeletServerTLS { cert: string; key: string; ca: string }

export type LogFileLookup = string | { error: string; code?: number };

export interface KubeletServerOptions {
  port: number;
  bindAddress: string;
  tls: KubeletServerTLS;
  /** The log file of a container (the previous instance's when `previous`), or why there is none (400 by default). */
  findLogFile: (namespace: string, pod: string, container: string, previous: boolean) => LogFileLookup | Promise<LogFileLookup>;
  /** Whether the container still runs; when absent, a newer `<n>.log` beside the file means it has exited. */
  isRunning?: (namespace: string, pod: string, container: string) => Promise<boolean>;
  /** Certificate CNs allowed in (default: the API server's kubelet client and the admin). */
  allowedUsers?: string[];
  /** Polling interval while following a log (fs.watch wakes earlier). */
  pollMs?: number;
  /** exec/attach/portForward upgrades (src/kubelet/streams); absent: 501. */
  streams?: StreamHandler;
  log?: (line: string) => void;
}

export interface RunningKubeletServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

const STREAMING = /^\/(exec|attach|portForward|run)\//;

export async function createKubeletServer(opts: KubeletServerOptions): Promise<RunningKubeletServer> {
  const allowed = opts.allowedUsers ?? [KUBELET_CLIENT_USER, ADMIN_USER];
  const server = createServer({ key: opts.tls.key, cert: opts.tls.cert, ca: opts.tls.ca, requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      handle(opts, allowed, req, res).catch((e) => {
        opts.log?.(`kubelet server: ${req.method} ${req.url}: ${(e as Error)?.stack ?? e}`);
        if (res.headersSent) res.destroy(); else text(res, 500, String((e as Error)?.message ?? e));
      });
    });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const auth = authorizeKubeletRequest(req, allowed);
    const route = auth.ok ? parseStreamPath(pathOf(req)) : undefined;
    if (auth.ok && route && opts.streams) {
      opts.streams(route, req, socket, head).catch((e) => {
        opts.log?.(`kubelet server: ${req.method} ${req.url}: ${(e as Error)?.stack ?? e}`);
        socket.destroy();
      });
      return;
    }
    const [code, msg] = !auth.ok ? [auth.code, auth.message] : STREAMING.test(pathOf(req)) ? [501, 'streaming is not implemented yet'] : [404, '404 page not found'];
    socket.end(`HTTP/1.1 ${code} ${code === 501 ? 'Not Implemented' : code === 404 ? 'Not Found' : code === 401 ? 'Unauthorized' : 'Forbidden'}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(msg)}\r\nConnection: close\r\n\r\n${msg}`);
  });
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.bindAddress, () => { server.off('error', reject); resolve(); });
  });
  return {
    server,
    port: (server.address() as { port: number }).port,
    close: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }),
  };
}

async function handle(opts: KubeletServerOptions, allowed: string[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const auth = authorizeKubeletRequest(req, allowed);
  if (!auth.ok) return text(res, auth.code, auth.message);
  const path = pathOf(req);
  if (path === '/healthz') return text(res, 200, 'ok');
  if (STREAMING.test(path)) return text(res, 501, 'streaming is not implemented yet');
  const m = /^\/containerLogs\/([^/]+)\/([^/]+)\/([^/]+)\/?$/.exec(path);
  if (!m || (req.method !== 'GET' && req.method !== 'HEAD')) return text(res, 404, '404 page not found');
  const [ns, pod, container] = m.slice(1).map(decodeURIComponent);
  const q = new URL(req.url ?? '/', 'https://kubelet.invalid').searchParams;
  const parsed = parseLogOptions(q, new Date());
  if (!('ok' in parsed)) return text(res, parsed.code, parsed.message);
  const o = parsed.ok;
  const found = await opts.findLogFile(ns, pod, container, o.previous);
  if (typeof found !== 'string') return text(res, found.code ?? 400, found.error);
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  await readLogs(found, o, {
    signal: abort.signal,
    pollMs: opts.pollMs,
    exited: opts.isRunning ? async () => !(await opts.isRunning!(ns, pod, container)) : () => newerLogExists(found),
    write: (b) => {
      if (res.destroyed || res.write(b)) return;
      return new Promise<void>((r) => { const done = () => { res.off('drain', done); res.off('close', done); r(); }; res.on('drain', done); res.on('close', done); });
    },
  });
  res.end();
}

/** A container that restarted writes `<n+1>.log`: the one behind `file` has exited. */
export async function newerLogExists(file: string): Promise<boolean> {
  const n = restartOf(file);
  if (n === undefined) return false;
  const names = await readdir(dirname(file)).catch(() => [] as string[]);
  return names.some((f) => (restartOf(f) ?? -1) > n);
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'https://kubelet.invalid').pathname;
}

function text(res: ServerResponse, code: number, body: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
