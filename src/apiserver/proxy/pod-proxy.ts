/**
 * pods/proxy: `/api/v1/namespaces/{ns}/pods/[scheme:]{name}[:port]/proxy/{path}` forwarded to
 * the pod's IP as a plain reverse proxy (any method, body streamed both ways), and upgrades
 * (WebSocket) passed through. Target and checks follow pkg/registry/core/pod/strategy.go
 * (ResourceLocation): the port defaults to the first declared container port and the pod IP
 * must be a global unicast address.
 */
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { badRequest, StatusError } from '../../api/errors.ts';
import type { StreamRequest } from '../http/streams.ts';
import { proxyUpgrade } from './upgrade.ts';

/** Response and request headers that belong to one hop only. */
const HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'authorization']);

/** `[scheme:]name[:port]` as net.SplitSchemeNamePort reads it; undefined when malformed. */
export function splitSchemeNamePort(id: string): { scheme: string; name: string; port: string } | undefined {
  const p = id.split(':');
  const [scheme, name, port] = p.length === 1 ? ['', p[0], ''] : p.length === 2 ? ['', p[0], p[1]] : p.length === 3 ? p : ['', '', ''];
  if (!name || !['', 'http', 'https'].includes(scheme)) return undefined;
  return { scheme, name, port };
}

/** Pure: the URL to forward to, from the pod, the id in the path and what follows `/proxy`. */
export function podProxyURL(pod: Pod, id: string, rest: string, search: string, allowed: (ip: string) => boolean = isGlobalUnicast): URL {
  const parts = splitSchemeNamePort(id);
  if (!parts) throw badRequest(`invalid pod request "${id}"`);
  let port = parts.port;
  if (!port) {
    const declared = (pod.spec?.containers ?? []).find((c) => c.ports?.length)?.ports?.[0].containerPort;
    if (declared) port = String(declared);
  }
  const ip = pod.status?.podIP ?? '';
  if (!isIP(ip) || !allowed(ip)) throw badRequest('address not allowed');
  const host = isIP(ip) === 6 ? `[${ip}]` : ip;
  return new URL(`${parts.scheme || 'http'}://${host}${port ? `:${port}` : ''}${rest || '/'}${search}`);
}

/** Not loopback, link-local, multicast, unspecified or broadcast (Go's IP.IsGlobalUnicast). */
export function isGlobalUnicast(ip: string): boolean {
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number);
    return !(a === 0 || a === 127 || (a === 169 && b === 254) || a >= 224 || ip === '255.255.255.255');
  }
  const l = ip.toLowerCase();
  return !(l === '::' || l === '::1' || /^fe[89ab]/.test(l) || l.startsWith('ff'));
}

export function podProxyHandler(opts: { podAddressAllowed?: (ip: string) => boolean } = {}) {
  return async (r: StreamRequest): Promise<void> => {
    const raw = new URL(r.req.url ?? '/', 'https://k8ts.invalid');
    const m = /\/pods\/([^/]+)\/proxy(\/.*)?$/.exec(raw.pathname);
    if (!m) throw badRequest('invalid pod proxy path');
    const target = podProxyURL(r.pod as Pod, decodeURIComponent(m[1]), m[2] ?? '', raw.search, opts.podAddressAllowed);
    if (r.socket) return proxyUpgrade(r.req, r.socket, r.head ?? Buffer.alloc(0), target);
    const res = r.res!;
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(r.req.headers)) if (v !== undefined && !HOP.has(k)) headers[k] = v;
    await new Promise<void>((resolve, reject) => {
      const send = target.protocol === 'https:' ? httpsRequest : request;
      const up = send(target, { method: r.req.method, headers, rejectUnauthorized: false }, (pres) => {
        const out: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(pres.headers)) if (v !== undefined && !HOP.has(k)) out[k] = v;
        res.writeHead(pres.statusCode ?? 502, out);
        pres.pipe(res);
        pres.on('end', resolve);
        pres.on('error', () => { res.destroy(); resolve(); });
      });
      res.on('close', () => { up.destroy(); resolve(); });
      up.on('error', (e) => {
        if (res.headersSent) { res.destroy(); resolve(); return; }
        reject(new StatusError({ code: 503, reason: 'ServiceUnavailable', message: `error trying to reach service: ${e.message}` }));
      });
      r.req.pipe(up);
    });
  };
}
