/**
 * The dashboard's HTTP server on a loopback address: the built app, a login exchange, and a
 * same-origin proxy to the API (`/api`, `/apis`, `/openapi`, `/version`, streaming included,
 * WebSockets for exec) that acts with the user's credentials. What the API refuses, the page
 * is refused: the proxy adds no rights of its own.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpTransportOptions } from '../../client/http-transport.ts';
import { CSRF_HEADER, newToken, sameOrigin, sessionCookie, sessions } from './session.ts';
import { defaultStaticDir, serveStatic } from './static.ts';
import { proxyRequest, upstream } from './upstream.ts';
import { STREAM_PATH, wsProxy } from './ws-proxy.ts';
import { WATCH_SOCKET, watchSockets } from './watch-socket.ts';

export interface DashboardOptions {
  /** How to reach the API and as whom. */
  api: HttpTransportOptions;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** The login token; a random one when absent. */
  token?: string;
  staticDir?: string;
}

export interface RunningDashboard {
  /** e.g. http://127.0.0.1:63840 */
  url: string;
  /** The URL with the login token, as printed for the user. */
  loginURL: string;
  token: string;
  close(): Promise<void>;
}

const API_PATH = /^\/(api|apis|openapi|version)(\/|\?|$)/;
const json = (res: ServerResponse, code: number, body: unknown, extra: Record<string, string> = {}) =>
  res.writeHead(code, { 'content-type': 'application/json', ...extra }).end(JSON.stringify(body));
const unauthorized = (res: ServerResponse) => json(res, 401, {
  kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 401, reason: 'Unauthorized',
  message: 'log in to the dashboard with the token "k8ts dashboard" printed',
});

export async function startDashboard(o: DashboardOptions): Promise<RunningDashboard> {
  const token = o.token ?? newToken();
  const auth = sessions(token);
  const up = upstream(o.api);
  const ws = wsProxy(up);
  const watches = watchSockets(up);
  const staticDir = o.staticDir ?? defaultStaticDir();
  const host = o.host ?? '127.0.0.1';
  const hosts = new Set<string>();

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (!sameOrigin(req, hosts)) return json(res, 403, { message: 'wrong Host or Origin for the k8ts dashboard' });
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/_dashboard/login' && req.method === 'POST') return login(req, res);
    if (req.method === 'GET' && url.searchParams.has('token') && !API_PATH.test(url.pathname)) {
      // The printed link: trade the token for a cookie and drop it from the address bar.
      if (!auth.checkToken(url.searchParams.get('token') ?? '')) return res.writeHead(302, { location: '/#/login?bad=1' }).end();
      return res.writeHead(302, { location: '/', 'set-cookie': sessionCookie(auth.open()) }).end();
    }
    if (API_PATH.test(url.pathname)) {
      if (!auth.valid(req)) return unauthorized(res);
      const write = req.method !== 'GET' && req.method !== 'HEAD';
      if (write && req.headers[CSRF_HEADER] !== '1') return json(res, 403, { message: `missing ${CSRF_HEADER} header` });
      return proxyRequest(up, req, res);
    }
    if (url.pathname === '/_dashboard/session') return auth.valid(req) ? json(res, 200, { ok: true }) : unauthorized(res);
    serveStatic(staticDir, url.pathname, res);
  };

  const login = (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { if (body.length < 4096) body += c; });
    req.on('end', () => {
      let given = '';
      try { given = String((JSON.parse(body) as { token?: unknown }).token ?? ''); } catch { /* empty */ }
      if (!auth.checkToken(given.trim())) return unauthorized(res);
      json(res, 200, { ok: true }, { 'set-cookie': sessionCookie(auth.open()) });
    });
  };

  const server = createServer(handle);
  server.on('upgrade', (req, socket, head) => {
    const isWatch = (req.url ?? '').startsWith(`${WATCH_SOCKET}?`);
    if (!sameOrigin(req, hosts) || !auth.valid(req) || (!isWatch && !STREAM_PATH.test(req.url ?? ''))) {
      socket.end('HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
      return;
    }
    if (isWatch) watches.handle(req, socket, head); else ws.handle(req, socket, head);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  for (const h of [shown, 'localhost']) hosts.add(`${h}:${port}`);
  const url = `http://${shown}:${port}`;
  return {
    url, token, loginURL: `${url}/?token=${token}`,
    async close() {
      ws.close();
      watches.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      up.close();
    },
  };
}
