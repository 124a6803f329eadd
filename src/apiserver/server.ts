/**
 * Wires the API server: store, PKI, REST API, HTTPS front, bootstrap namespaces. Only
 * wiring lives here (flags and process handling are the CLI's).
 */
import { createServer, type Server } from 'node:https';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isAlreadyExists } from '../api/errors.ts';
import { RESOURCES } from '../api/resources.ts';
import { openStore } from '../store/index.ts';
import type { Store } from '../store/types.ts';
import { ensurePKI, ADMIN_GROUP, type PKI } from './pki/index.ts';
import { API } from './rest/api.ts';
import { createHandler } from './http/handler.ts';
import { createUpgradeHandler } from './http/upgrade.ts';
import type { StreamHandlers } from './http/streams.ts';

export interface APIServerOptions {
  dataDir: string;
  bindAddress: string;
  port: number;
  /** `sqlite:<path>` (default `sqlite:<dataDir>/state.db`), `memory:`. */
  datastore?: string;
  verbose?: boolean;
  streams?: StreamHandlers;
  /** The cluster's certificates when the caller has them already (else read or made here). */
  pki?: PKI;
}

export interface RunningAPIServer {
  url: string;
  api: API;
  store: Store;
  server: Server;
  close(): Promise<void>;
}

/** Namespaces every cluster has from the start. */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export async function startAPIServer(opts: APIServerOptions): Promise<RunningAPIServer> {
  mkdirSync(opts.dataDir, { recursive: true });
  const pki = opts.pki ?? await ensurePKI(opts.dataDir, { hosts: [opts.bindAddress] });
  const store = await openStore(opts.datastore ?? `sqlite:${join(opts.dataDir, 'state.db')}`);
  const api = new API({ store });
  await bootstrapNamespaces(api);
  const host = opts.bindAddress.includes(':') ? `[${opts.bindAddress}]` : opts.bindAddress;
  const tokens = [{ token: pki.adminToken, user: { name: 'k8ts-admin', groups: [ADMIN_GROUP, 'system:authenticated'] } }];
  const handler = createHandler({
    api,
    tokens,
    serverAddress: `${host}:${opts.port}`,
    ready: async () => { await store.currentRevision(); return true; },
    streams: opts.streams,
    log: opts.verbose ? (l) => console.error(l) : undefined,
  });
  const server = createServer({
    key: pki.serverKeyPem, cert: pki.serverCertPem, ca: pki.caCertPem,
    requestCert: true, rejectUnauthorized: false, keepAlive: true,
  }, (req, res) => { void handler(req, res); });
  // exec, attach, port-forward and pods/proxy WebSockets arrive as HTTP upgrades, which Node
  // hands to this event instead of the request handler (see http/upgrade.ts).
  server.on('upgrade', createUpgradeHandler({ api, tokens, streams: opts.streams, log: opts.verbose ? (l) => console.error(l) : undefined }));
  // Long watches must not be cut by Node's default request timeouts.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.bindAddress, () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `https://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    api, store, server,
    async close() {
      await new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); });
      await store.close();
    },
  };
}

async function bootstrapNamespaces(api: API): Promise<void> {
  const info = RESOURCES.find((r) => r.plural === 'namespaces')!;
  for (const name of SYSTEM_NAMESPACES) {
    try {
      await api.handle({ verb: 'create', info, query: new URLSearchParams('fieldManager=k8ts'), user: { name: 'system:apiserver', groups: ['system:masters'] },
        body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } });
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
  }
}
