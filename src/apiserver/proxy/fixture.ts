// Test fixture (used by the *.test.ts here): an API server with kubeletProxyHandlers, a
// kubelet server on 127.0.0.1 reading logs under a temp dir, a Node pointing at it and
// helpers to create pods with a hand-written status. No containers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Node, Pod } from 'kubernetes-types/core/v1.d.ts';
import { RESOURCES } from '../../api/resources.ts';
import { ensureKubeletClientCert, ensureKubeletServingCert, ensurePKI, type PKI } from '../pki/index.ts';
import { startAPIServer, type RunningAPIServer } from '../server.ts';
import { createKubeletServer, criLogPath, type RunningKubeletServer } from '../../kubelet/server/index.ts';
import { kubeletProxyHandlers } from './index.ts';

const admin = { name: 'k8ts-admin', groups: ['system:masters'] };
const info = (plural: string) => RESOURCES.find((r) => r.plural === plural && r.group === '')!;
const q = () => new URLSearchParams();

export interface Fixture {
  dir: string;
  podsDir: string;
  pki: PKI;
  srv: RunningAPIServer;
  kubelet: RunningKubeletServer;
  createPod(pod: Pod, status: Pod['status']): Promise<void>;
  close(): Promise<void>;
}

export async function startFixture(opts: { podAddressAllowed?: (ip: string) => boolean } = {}): Promise<Fixture> {
  const dir = await mkdtemp(join(tmpdir(), 'k8ts-proxy-'));
  const dataDir = join(dir, 'data');
  const pki = await ensurePKI(dataDir);
  const client = await ensureKubeletClientCert(pki);
  const serving = await ensureKubeletServingCert(pki, 'n1', ['127.0.0.1']);
  const podsDir = join(dir, 'pods');
  const kubelet = await createKubeletServer({
    port: 0, bindAddress: '127.0.0.1', pollMs: 100, tls: { cert: serving.certPem, key: serving.keyPem, ca: pki.caCertPem },
    findLogFile: (ns, pod, c, previous) => criLogPath(podsDir, ns, pod, 'uid-1', c, previous ? 0 : 1),
  });
  let srv: RunningAPIServer | undefined;
  const getNode = async (name: string) => (await srv!.api.handle({ verb: 'get', info: info('nodes'), name, query: q(), user: admin })).object as Node;
  srv = await startAPIServer({ dataDir, bindAddress: '127.0.0.1', port: 0, datastore: 'memory:',
    streams: kubeletProxyHandlers({ getNode, pki: { ca: pki.caCertPem, cert: client.certPem, key: client.keyPem }, podAddressAllowed: opts.podAddressAllowed }) });
  const api = srv.api;
  await api.handle({ verb: 'create', info: info('nodes'), query: q(), user: admin, body: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } } });
  const node = (await api.handle({ verb: 'get', info: info('nodes'), name: 'n1', query: q(), user: admin })).object as Node;
  await api.handle({ verb: 'update', info: info('nodes'), name: 'n1', subresource: 'status', query: q(), user: admin, body: { ...node, status: {
    addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: kubelet.port } } } } });
  return {
    dir, podsDir, pki, srv, kubelet,
    async createPod(pod, status) {
      const ns = pod.metadata?.namespace ?? 'default';
      await api.handle({ verb: 'create', info: info('pods'), namespace: ns, query: q(), user: admin, body: { apiVersion: 'v1', kind: 'Pod', ...pod } });
      const got = (await api.handle({ verb: 'get', info: info('pods'), namespace: ns, name: pod.metadata!.name, query: q(), user: admin })).object as Pod;
      await api.handle({ verb: 'update', info: info('pods'), namespace: ns, name: pod.metadata!.name, subresource: 'status', query: q(), user: admin, body: { ...got, status } });
    },
    async close() {
      await srv!.close();
      await kubelet.close();
      await rm(dir, { recursive: true });
    },
  };
}
