/**
 * httpGet probes and hooks (pkg/probe/http): a GET from the node with `User-Agent:
 * kube-probe/<version>` and an Accept-anything header unless the probe sets them, a Host header taken from
 * the headers when given; 2xx and 3xx succeed (redirects are not followed), anything else
 * fails with "HTTP probe failed with statuscode: N". HTTPS does not verify the certificate,
 * as the kubelet's probe client does not.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { dialError, hostPort } from './net-error.ts';
import type { ProbeOutcome } from './types.ts';

export interface HTTPTarget {
  scheme: 'HTTP' | 'HTTPS';
  host: string;
  port: number;
  path: string;
  headers: readonly { name: string; value: string }[];
  timeoutMs: number;
}

const USER_AGENT = 'kube-probe/1.33';
/** The kubelet reads at most this much of the body (it becomes the output). */
const MAX_BODY = 10 * 1024;

export function probeURL(t: Pick<HTTPTarget, 'scheme' | 'host' | 'port' | 'path'>): string {
  const path = t.path.startsWith('/') ? t.path : `/${t.path}`;
  return `${t.scheme.toLowerCase()}://${hostPort(t.host, t.port)}${path}`;
}

export function httpProbe(t: HTTPTarget): Promise<ProbeOutcome> {
  const url = probeURL(t);
  const headers: Record<string, string> = {};
  for (const h of t.headers) headers[h.name] = h.value;
  const has = (n: string) => Object.keys(headers).some((k) => k.toLowerCase() === n);
  if (!has('user-agent')) headers['User-Agent'] = USER_AGENT;
  if (!has('accept')) headers.Accept = '*/*';
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: ProbeOutcome) => { if (!settled) { settled = true; clearTimeout(timer); req.destroy(); resolve(o); } };
    const req = (t.scheme === 'HTTPS' ? httpsRequest : httpRequest)(url, { method: 'GET', headers, rejectUnauthorized: false } as object, (res) => {
      const chunks: Buffer[] = [];
      let n = 0;
      res.on('data', (d: Buffer) => { if (n < MAX_BODY) { chunks.push(d); n += d.length; } });
      res.on('end', () => {
        const code = res.statusCode ?? 0;
        const body = Buffer.concat(chunks).subarray(0, MAX_BODY).toString('utf8');
        if (code >= 200 && code < 400) done({ result: 'success', output: body });
        else done({ result: 'failure', output: `HTTP probe failed with statuscode: ${code}` });
      });
      res.on('error', (e) => done({ result: 'failure', output: `Get "${url}": ${e.message}` }));
    });
    const timer = setTimeout(() => done({ result: 'failure', output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` }), t.timeoutMs);
    req.on('error', (e) => done({ result: 'failure', output: `Get "${url}": ${dialError(e, t.host, t.port)}` }));
    req.end();
  });
}
