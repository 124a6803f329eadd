/**
 * Throw-away fixture recorder: a tiny HTTP server that answers just enough legacy discovery for
 * real kubectl 1.33 to send typed creates, records each POST body, and writes `<name>.bin` (the
 * protobuf body) and `<name>.json` (what `-o json --dry-run=client` prints for the same command).
 *
 * Run: node src/api/protobuf/testdata/capture.ts   (needs /usr/lib/google-cloud-sdk/bin/kubectl.1.33)
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const OUT = new URL('.', import.meta.url).pathname;

const res = (name: string, kind: string, namespaced = true) =>
  ({ name, singularName: kind.toLowerCase(), namespaced, kind, verbs: ['create', 'get', 'list'] });
const DISCOVERY: Record<string, unknown> = {
  '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] },
  '/apis': { kind: 'APIGroupList', apiVersion: 'v1', groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } }] },
  '/api/v1': { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'v1', resources: [
    res('namespaces', 'Namespace', false), res('configmaps', 'ConfigMap'), res('secrets', 'Secret'), res('pods', 'Pod')] },
  '/apis/apps/v1': { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'apps/v1', resources: [res('deployments', 'Deployment')] },
  '/version': { major: '1', minor: '33', gitVersion: 'v1.33.0' },
};

const seen: { last?: Buffer } = {};
const server = createServer((req: IncomingMessage, out: ServerResponse) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'POST') {
      seen.last = Buffer.concat(chunks);
      out.writeHead(201, { 'content-type': 'application/json' });
      out.end(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'captured' } }));
      return;
    }
    const body = DISCOVERY[path];
    out.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    out.end(JSON.stringify(body ?? { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404, reason: 'NotFound' }));
  });
});

const CASES: [string, string[]][] = [
  ['deployment-web', ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3', '--port=80']],
  ['deployment-multi', ['create', 'deployment', 'multi', '--image=busybox', '--image=nginx']],
  ['deployment-cmd', ['create', 'deployment', 'cmd', '--image=busybox', '--', 'sleep', '3600']],
  ['deployment-zero', ['create', 'deployment', 'zero', '--image=nginx', '--replicas=0']],
  ['namespace-x', ['create', 'namespace', 'x']],
  ['configmap-c', ['create', 'configmap', 'c', '--from-literal=a=b', '--from-literal=empty=']],
  ['secret-s', ['create', 'secret', 'generic', 's', '--from-literal=k=v', '--from-literal=bin=\u00ff\u0001']],
];

server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const home = mkdtempSync(join(tmpdir(), 'k8ts-capture-'));
  const env = { ...process.env, HOME: home, KUBECONFIG: join(home, 'none') };
  const base = [`--server=http://127.0.0.1:${port}`, '--validate=false'];
  // Asynchronous on purpose: kubectl talks to this very process.
  const run = (args: string[]) => new Promise<string>((resolve, reject) =>
    execFile(KUBECTL, [...base, ...args], { env, encoding: 'utf8' }, (err, stdout, stderr) =>
      (err ? reject(new Error(`${args.join(' ')}: ${stderr}`)) : resolve(stdout))));
  (async () => {
    for (const [name, args] of CASES) {
      seen.last = undefined;
      const [verb, ...rest] = args;
      const dashdash = rest.indexOf('--');
      const flags = dashdash < 0 ? rest : rest.slice(0, dashdash);
      const tail = dashdash < 0 ? [] : rest.slice(dashdash);
      await run([verb, ...flags, ...tail]);
      const last = seen.last as Buffer | undefined; // set by the request handler meanwhile
      if (!last) throw new Error(`${name}: no POST recorded`);
      writeFileSync(join(OUT, `${name}.bin`), last);
      const json = await run([verb, ...flags, '-o', 'json', '--dry-run=client', ...tail]);
      writeFileSync(join(OUT, `${name}.json`), JSON.stringify(JSON.parse(json), null, 2) + '\n');
      console.log(`${name}: ${last.length} bytes`);
    }
    server.close();
  })().catch((e) => { console.error(e); process.exit(1); });
});
