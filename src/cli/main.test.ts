import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as YAML from 'yaml';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'k8ts-cli-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

function k8ts(args: string[], home: string) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', env: { ...process.env, HOME: home, KUBECONFIG: '', K8TS_DATA_DIR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('kubeconfig prints a config that embeds this data dir\'s CA and admin certificate', async (t) => {
  const dir = await tempDir(t);
  const r = k8ts(['kubeconfig', '--data-dir', dir, '--api-port', '7443'], dir);
  assert.equal(r.code, 0, r.stderr);
  const kc = YAML.parse(r.stdout);
  assert.equal(kc['current-context'], 'k8ts');
  assert.deepEqual(kc.contexts, [{ name: 'k8ts', context: { cluster: 'k8ts', user: 'k8ts' } }]);
  assert.equal(kc.clusters[0].cluster.server, 'https://127.0.0.1:7443');
  const ca = Buffer.from(kc.clusters[0].cluster['certificate-authority-data'], 'base64').toString();
  assert.equal(ca, await fs.readFile(path.join(dir, 'pki', 'ca.crt'), 'utf8'));
  const cert = new X509Certificate(Buffer.from(kc.users[0].user['client-certificate-data'], 'base64'));
  assert.equal(cert.subject, 'CN=k8ts-admin\nO=system:masters');
  assert.ok(cert.verify(new X509Certificate(ca).publicKey));
});

test('kubeconfig --kubeconfig FILE merges into the file and keeps other contexts', async (t) => {
  const dir = await tempDir(t);
  const file = path.join(dir, 'nested', 'config');
  await fs.mkdir(path.dirname(file));
  await fs.writeFile(file, YAML.stringify({ apiVersion: 'v1', kind: 'Config', contexts: [{ name: 'other', context: { cluster: 'c', user: 'u' } }], 'current-context': 'other' }));
  const r = k8ts(['kubeconfig', '--data-dir', dir, '--kubeconfig', file], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /context "k8ts"/);
  const kc = YAML.parse(await fs.readFile(file, 'utf8'));
  assert.deepEqual(kc.contexts.map((c: { name: string }) => c.name), ['other', 'k8ts']);
  assert.equal(kc['current-context'], 'k8ts');
});

test('usage errors exit 2, help exits 0', async (t) => {
  const dir = await tempDir(t);
  const cases = [
    { name: 'bad port', input: ['up', '--api-port', 'x'], want: 2 },
    { name: 'bad bind address', input: ['server', '--bind-address', 'nope'], want: 2 },
    { name: 'unknown command', input: ['bogus'], want: 2 },
    { name: 'unknown flag', input: ['down', '--nope'], want: 2 },
    { name: 'help', input: ['--help'], want: 0 },
  ];
  for (const c of cases) assert.equal(k8ts(c.input, dir).code, c.want, c.name);
});

test('status and down on a data dir with no server', async (t) => {
  const dir = await tempDir(t);
  const status = k8ts(['status', '--data-dir', dir], dir);
  assert.equal(status.code, 1);
  assert.match(status.stdout, /server: +not running/);
  const down = k8ts(['down', '--data-dir', dir], dir);
  assert.equal(down.code, 0);
  assert.match(down.stdout, /not running/);
});

test('down never signals a process that is not our server', async (t) => {
  const dir = await tempDir(t);
  const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
  t.after(() => { sleeper.kill(); });
  await new Promise((r) => sleeper.once('spawn', r));
  await fs.writeFile(path.join(dir, 'server.pid'), `${sleeper.pid}\n`);
  const down = k8ts(['down', '--data-dir', dir], dir);
  assert.equal(down.code, 0, down.stderr);
  assert.match(down.stdout, /stale pid file .*not a k8ts server/);
  assert.equal(sleeper.exitCode, null);
  assert.equal(sleeper.signalCode, null);
  process.kill(sleeper.pid!, 0); // still there
  await assert.rejects(fs.access(path.join(dir, 'server.pid')));
});
