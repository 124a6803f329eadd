// up → status → up again → down, end to end, with the real server in the background.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as YAML from 'yaml';
import { isAlive } from './server-state.ts';

const SRC = fileURLToPath(new URL('..', import.meta.url));

/** The real entry point: `up` starts the real cluster in the background. */
const MAIN = path.join(SRC, 'cli', 'main.ts');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

test('up starts a background server, writes the kubeconfig; up again notices; down stops it', async (t) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'k8ts-up-'));
  const main = MAIN;
  const dataDir = path.join(dir, 'data');
  const kc = path.join(dir, 'kube', 'config');
  const port = String(await freePort());
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [main, ...args, '--data-dir', dataDir], { encoding: 'utf8', env: { ...process.env, HOME: dir, KUBECONFIG: kc } });
    return { code: r.status, out: r.stdout + r.stderr };
  };
  t.after(async () => {
    run('down');
    await fs.rm(dir, { recursive: true, force: true });
  });

  const up = run('up', '--api-port', port, '--no-node');
  assert.equal(up.code, 0, up.out);
  assert.match(up.out, /✓ certificates: made ca, apiserver, admin, token \(\d+ ms\)/);
  assert.match(up.out, new RegExp(`✓ api server ready on https://127.0.0.1:${port} \\(\\d+ ms\\)`));
  assert.match(up.out, /✓ kubeconfig: context "k8ts" in .*kube\/config/);
  const config = YAML.parse(await fs.readFile(kc, 'utf8'));
  assert.equal(config.clusters[0].cluster.server, `https://127.0.0.1:${port}`);
  assert.equal((await fs.stat(kc)).mode & 0o777, 0o600);
  const pid = Number(await fs.readFile(path.join(dataDir, 'server.pid'), 'utf8'));

  const status = run('status');
  assert.equal(status.code, 0, status.out);
  assert.match(status.out, new RegExp(`running \\(pid ${pid}\\)[\\s\\S]*readyz: +ok`));
  // status and kubeconfig find the port from the running server without --api-port.
  assert.match(run('kubeconfig').out, new RegExp(`server: https://127.0.0.1:${port}`));

  const again = run('up', '--api-port', port, '--no-node');
  assert.equal(again.code, 0, again.out);
  assert.match(again.out, new RegExp(`already running \\(pid ${pid}\\)`));

  const down = run('down');
  assert.equal(down.code, 0, down.out);
  assert.match(down.out, new RegExp(`✓ stopped k8ts server \\(pid ${pid}\\)`));
  assert.equal(await isAlive(pid), false); // gone, or a zombie waiting for a reaper that is not us
  await assert.rejects(fs.access(path.join(dataDir, 'server.pid')));
  assert.match(await fs.readFile(path.join(dataDir, 'server.log'), 'utf8'), /SIGTERM, shutting down/);
});

test('up reports a port in use with what to do', async (t) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'k8ts-up-'));
  const main = MAIN;
  const holder = net.createServer();
  await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
  t.after(async () => {
    holder.close();
    await fs.rm(dir, { recursive: true, force: true });
  });
  const port = (holder.address() as net.AddressInfo).port;
  const r = spawnSync(process.execPath, [main, 'up', '--api-port', String(port), '--data-dir', path.join(dir, 'data'), '--kubeconfig', '-'],
    { encoding: 'utf8', env: { ...process.env, HOME: dir } });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, new RegExp(`port ${port} is in use: stop what holds it or pass --api-port`));
});
