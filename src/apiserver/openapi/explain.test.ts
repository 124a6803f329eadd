/**
 * End to end: real kubectl binaries run `explain` against a throw-away HTTP server that serves the
 * generated documents and just enough discovery for pods. Skipped where the kubectl binaries are absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { openapiResponse } from './handler.ts';
import { ensureBuilt } from './build-fixture.ts';

await ensureBuilt();

function kubectlDir(): string | undefined {
  try {
    return dirname(realpathSync(execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim()));
  } catch { return undefined; }
}
const dir = kubectlDir();

const discovery: Record<string, unknown> = {
  '/version': { major: '1', minor: '33', gitVersion: 'v1.33.0', platform: 'linux/amd64' },
  '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] },
  '/apis': { kind: 'APIGroupList', apiVersion: 'v1', groups: [] },
  '/api/v1': { kind: 'APIResourceList', groupVersion: 'v1', resources: [
    { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', shortNames: ['po'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
  ] },
};

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const r = openapiResponse(url.pathname, url.searchParams, req.headers.accept ?? '');
  if (r) { res.writeHead(r.status, r.headers).end(r.body); return; }
  const body = discovery[url.pathname];
  if (body) { res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body)); return; }
  res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }));
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const port = (server.address() as { port: number }).port;
const home = mkdtempSync(join(tmpdir(), 'k8ts-explain-'));
test.after(() => { server.close(); rmSync(home, { recursive: true, force: true }); });

for (const version of ['1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33']) {
  const bin = dir && join(dir, `kubectl.${version}`);
  test(`kubectl ${version} explain pod.spec.containers`, { skip: !bin || !existsSync(bin) ? 'no kubectl binary' : false, timeout: 60_000 }, async () => {
    const { stdout } = await promisify(execFile)(bin!, [`--server=http://127.0.0.1:${port}`, `--cache-dir=${join(home, version)}`, 'explain', 'pod.spec.containers'],
      { env: { ...process.env, HOME: home, KUBECONFIG: join(home, 'none') } });
    assert.match(stdout, /KIND:\s+Pod/);
    assert.match(stdout, /List of containers belonging to the pod/);
    assert.match(stdout, /imagePullPolicy/);
  });
}
