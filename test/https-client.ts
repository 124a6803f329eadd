/** A small HTTPS client for tests: the admin client certificate, keep-alive, JSON in and out. */
import { Agent, request } from 'node:https';
import type { PKI } from '../src/apiserver/pki/index.ts';

export interface Reply { status: number; headers: Record<string, string | string[] | undefined>; text: string; json(): any }

export function httpsClient(baseUrl: string, pki: Pick<PKI, 'caCertPem' | 'adminCertPem' | 'adminKeyPem'>, opts: { maxSockets?: number } = {}) {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 64, ca: pki.caCertPem, cert: pki.adminCertPem, key: pki.adminKeyPem });
  const base = new URL(baseUrl);
  function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const data = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
      const req = request({ host: base.hostname, port: base.port, method, path, agent, headers: {
        ...(data !== undefined ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {}), ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(data);
    });
  }
  return { call, close: () => agent.destroy() };
}
