// Asks the API server's /readyz with the admin client certificate, the way kubectl would reach it.
import * as https from 'node:https';

export interface ClientTLS {
  caCertPem: string;
  adminCertPem: string;
  adminKeyPem: string;
}

export interface Probe {
  ok: boolean;
  status?: number;
  body?: string;
  error?: string;
}

export function probeReadyz(baseURL: string, tls: ClientTLS, timeoutMs = 2000): Promise<Probe> {
  return new Promise((resolve) => {
    const req = https.get(new URL('/readyz', baseURL), {
      ca: tls.caCertPem, cert: tls.adminCertPem, key: tls.adminKeyPem, agent: false, timeout: timeoutMs,
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ ok: res.statusCode === 200, status: res.statusCode, body: body.trim() }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => resolve({ ok: false, error: (e as NodeJS.ErrnoException).code ?? e.message }));
  });
}

/**
 * Polls /readyz until it answers 200 or `deadlineMs` passes. `stop` is asked before every try:
 * a string it returns (e.g. "the server exited") ends the wait at once with that reason.
 */
export async function waitReady(baseURL: string, tls: ClientTLS, deadlineMs: number, stop: () => string | undefined): Promise<Probe> {
  const end = Date.now() + deadlineMs;
  let last: Probe = { ok: false, error: 'not tried' };
  let delay = 25;
  for (;;) {
    const why = stop();
    if (why) return { ok: false, error: why };
    last = await probeReadyz(baseURL, tls, Math.max(100, Math.min(2000, end - Date.now())));
    if (last.ok || Date.now() >= end) return last;
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(250, delay * 2);
  }
}
