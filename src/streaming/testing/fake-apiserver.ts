/**
 * Test-only: the smallest HTTP server real kubectl accepts for exec/attach/port-forward (legacy discovery
 * [kubectl-contract §1.2] and one Running pod), with the upgrade requests handed to the test.
 */
import { spawn } from 'node:child_process';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, url: URL) => void;

const pod = {
  kind: 'Pod', apiVersion: 'v1',
  metadata: { name: 'p', namespace: 'default', uid: '11111111-2222-3333-4444-555555555555', resourceVersion: '1' },
  spec: { containers: [{ name: 'c', image: 'busybox' }] },
  status: { phase: 'Running', containerStatuses: [{ name: 'c', ready: true, restartCount: 0, image: 'busybox', imageID: '', started: true, state: { running: {} } }] },
};

const resources = [
  { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po'] },
  ...['exec', 'attach', 'portforward'].map((s) => ({ name: `pods/${s}`, singularName: '', namespaced: true, kind: 'PodExecOptions', verbs: ['create', 'get'] })),
];

const routes: Record<string, unknown> = {
  '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] },
  '/apis': { kind: 'APIGroupList', apiVersion: 'v1', groups: [] },
  '/api/v1': { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'v1', resources },
  '/api/v1/namespaces/default/pods/p': pod,
  '/version': { major: '1', minor: '33', gitVersion: 'v1.33.0' },
};

export interface FakeApiServer { url: string; upgrades: string[]; close(): Promise<void> }

export async function startFakeApiServer(onUpgrade: UpgradeHandler): Promise<FakeApiServer> {
  const upgrades: string[] = [];
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = routes[path];
    if (body === undefined) {
      // A plain request to exec/portforward (no upgrade) is an upgrade failure for kubectl.
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `${path} not found` }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://x');
    upgrades.push(`${req.method} ${url.pathname.split('/').pop()} ${req.headers.upgrade}`);
    onUpgrade(req, socket, head, url);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    upgrades,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

export const kubectlDir = '/usr/lib/google-cloud-sdk/bin';

export interface KubectlRun { code: number | null; stdout: string; stderr: string }

/** Runs a real kubectl against `url` with no kubeconfig. */
export function runKubectl(version: string, url: string, args: string[],
  opts: { env?: Record<string, string>; stdin?: string } = {}): Promise<KubectlRun> {
  const child = spawn(`${kubectlDir}/kubectl.${version}`, ['-s', url, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', KUBECONFIG: '/dev/null', ...opts.env },
  });
  const out: Buffer[] = [], err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  child.stdin.end(opts.stdin ?? '');
  return new Promise((resolve) => child.on('close', (code) =>
    resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() })));
}
