/**
 * The API server as the dashboard reaches it: one keep-alive HTTPS agent carrying the user's
 * credentials (client certificate or bearer token from the kubeconfig), and a streaming
 * reverse proxy. Bodies are piped, never buffered, so watches and `follow` logs flow through
 * as the API sends them.
 */
import { Agent, request as httpsRequest, type RequestOptions } from 'node:https';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { HttpTransportOptions } from '../../client/http-transport.ts';

export interface Upstream {
  url: URL;
  agent: Agent;
  /** Headers every upstream request carries (Authorization when the user has a token). */
  authHeaders: Record<string, string>;
  /** TLS settings for connections made outside the agent (WebSocket upgrades). */
  tls: { ca?: string; cert?: string; key?: string; rejectUnauthorized: boolean; servername?: string };
  close(): void;
}

export function upstream(opts: HttpTransportOptions): Upstream {
  const tls = { ca: opts.ca, cert: opts.cert, key: opts.key, rejectUnauthorized: !opts.insecureSkipTLSVerify, servername: opts.tlsServerName };
  const agent = new Agent({ keepAlive: true, ...tls });
  const authHeaders: Record<string, string> = opts.token ? { authorization: `Bearer ${opts.token}` } : {};
  return { url: new URL(opts.server), agent, authHeaders, tls, close: () => agent.destroy() };
}

/** Options of a request to `path` (the API path and query) on the API server, through the agent. */
export function requestOptions(up: Upstream, method: string | undefined, path: string, headers: OutgoingHttpHeaders): RequestOptions {
  return {
    agent: up.agent, protocol: up.url.protocol, hostname: up.url.hostname.replace(/^\[|\]$/g, ''),
    port: up.url.port || 443, method, path: up.url.pathname.replace(/\/$/, '') + path, headers,
  };
}

/** Request headers passed on: what describes the body and the wanted answer, nothing of the browser's identity. */
const PASS_REQUEST = ['accept', 'content-type', 'content-length', 'transfer-encoding'];
/** Response headers passed back. */
const PASS_RESPONSE = ['content-type', 'content-length', 'warning', 'audit-id', 'cache-control', 'content-disposition'];

export function proxyRequest(up: Upstream, req: IncomingMessage, res: ServerResponse): void {
  const headers: OutgoingHttpHeaders = { ...up.authHeaders, 'user-agent': 'k8ts-dashboard' };
  for (const h of PASS_REQUEST) if (req.headers[h] !== undefined) headers[h] = req.headers[h];
  const out = httpsRequest(requestOptions(up, req.method, req.url ?? '/', headers), (answer) => {
    const h: OutgoingHttpHeaders = {};
    for (const k of PASS_RESPONSE) if (answer.headers[k] !== undefined) h[k] = answer.headers[k];
    res.writeHead(answer.statusCode ?? 502, h);
    // Watches and followed logs: send each chunk on at once.
    res.flushHeaders();
    answer.pipe(res);
    answer.on('error', () => res.destroy());
  });
  out.on('error', (e) => {
    if (res.headersSent) { res.destroy(); return; }
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 502, reason: 'ServiceUnavailable', message: `the dashboard cannot reach the API server: ${e.message}` }));
  });
  // The browser went away (closed a watch or a log): end the upstream stream too.
  res.on('close', () => { if (!res.writableFinished) out.destroy(); });
  req.pipe(out);
}
