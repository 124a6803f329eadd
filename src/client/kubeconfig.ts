/**
 * Reads a kubeconfig into `HttpTransportOptions`: the chosen context (or current-context),
 * its cluster (server, CA data or file, insecure-skip-tls-verify, tls-server-name) and user
 * (client certificate and key as data or files, token or tokenFile). Relative file paths
 * are resolved against the kubeconfig's directory, as kubectl does.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { parse } from 'yaml';
import { httpTransport, type HttpTransportOptions } from './http-transport.ts';
import type { Transport } from './transport.ts';

interface Named<T> { name: string; [k: string]: unknown; cluster?: T; user?: T; context?: T }
interface KubeconfigFile {
  'current-context'?: string;
  clusters?: Named<Record<string, string | boolean>>[];
  users?: Named<Record<string, string>>[];
  contexts?: Named<{ cluster: string; user: string }>[];
}

export function kubeconfigOptions(path: string, context?: string): HttpTransportOptions {
  const cfg = parse(readFileSync(path, 'utf8')) as KubeconfigFile;
  const dir = dirname(path);
  const file = (p: string) => readFileSync(isAbsolute(p) ? p : join(dir, p), 'utf8');
  const b64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');
  const ctxName = context ?? cfg['current-context'];
  const ctx = cfg.contexts?.find((c) => c.name === ctxName)?.context;
  if (!ctx) throw new Error(`kubeconfig ${path}: context "${ctxName ?? ''}" not found`);
  const cluster = cfg.clusters?.find((c) => c.name === ctx.cluster)?.cluster;
  if (!cluster) throw new Error(`kubeconfig ${path}: cluster "${ctx.cluster}" not found`);
  const user = cfg.users?.find((u) => u.name === ctx.user)?.user ?? {};
  const pick = (data: unknown, f: unknown) => (typeof data === 'string' ? b64(data) : typeof f === 'string' ? file(f) : undefined);
  return {
    server: String(cluster.server),
    ca: pick(cluster['certificate-authority-data'], cluster['certificate-authority']),
    insecureSkipTLSVerify: cluster['insecure-skip-tls-verify'] === true,
    tlsServerName: typeof cluster['tls-server-name'] === 'string' ? cluster['tls-server-name'] : undefined,
    cert: pick(user['client-certificate-data'], user['client-certificate']),
    key: pick(user['client-key-data'], user['client-key']),
    token: user.token ?? (user.tokenFile ? file(user.tokenFile).trim() : undefined),
  };
}

/** An HTTPS transport configured from a kubeconfig file. */
export function fromKubeconfig(path: string, context?: string): Transport {
  return httpTransport(kubeconfigOptions(path, context));
}
