/**
 * k8ts restarts without disturbing running pods: `kill -9` of the server while pods run,
 * then `k8ts up` again: the same pods with the same IPs and containers, not restarted.
 * Then `k8ts down` stops them, and `up` brings the same objects back and runs them again.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { kubectlBinary, runKubectl } from '../harness.ts';
import { freePort } from '../server-process.ts';
import { cleanupNodeDir, eventually, nodeMissing, uniqueClusterCIDR } from './node-env.ts';
import { bridgeNameFor } from '../../src/cli/local-node.ts';

const run = promisify(execFile);
const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'cli', 'main.ts');
const skip = nodeMissing();
const dir = mkdtempSync(join(tmpdir(), 'k8ts-restart-'));
const dataDir = join(dir, 'data');
const kubeconfig = join(dir, 'kubeconfig');
let flags: string[] = [];

const k8ts = (...args: string[]) => run(process.execPath, ['--disable-warning=ExperimentalWarning', MAIN, ...args, '--data-dir', dataDir], { env: { ...process.env, HOME: dir }, timeout: 120_000 });
const kubectl = async (...args: string[]) => {
  const r = await runKubectl(kubectlBinary('1.33'), args, { env: { HOME: dir, KUBECONFIG: kubeconfig } });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const podsNow = async (): Promise<Pod[]> => JSON.parse(await kubectl('get', 'pods', '-l', 'keep=yes', '-o', 'json')).items;
const summary = (ps: Pod[]) => ps.map((p) => ({
  name: p.metadata!.name, uid: p.metadata!.uid, ip: p.status!.podIP,
  container: p.status!.containerStatuses?.[0]?.containerID, restarts: p.status!.containerStatuses?.[0]?.restartCount,
})).sort((a, b) => a.name!.localeCompare(b.name!));

before(async () => {
  if (skip) return;
  flags = ['--api-port', String(await freePort()), '--kubelet-port', String(await freePort()), '--cluster-cidr', uniqueClusterCIDR(), '--kubeconfig', kubeconfig];
});
after(async () => {
  if (!skip) {
    await k8ts('down').catch(() => {});
    await cleanupNodeDir(dir, bridgeNameFor(dataDir), dataDir);
  }
  rmSync(dir, { recursive: true, force: true });
});

it('keeps pods, IPs and containers across kill -9 of the server, and brings them back after down/up', { skip }, async () => {
  await k8ts('up', ...flags);
  for (const n of ['keep-a', 'keep-b']) await kubectl('run', n, '--image=busybox:1.36', '--labels=keep=yes', '--', 'sleep', '3600');
  await kubectl('wait', '--for=condition=Ready', 'pod/keep-a', 'pod/keep-b', '--timeout=60s');
  const before = summary(await podsNow());

  const pid = Number(readFileSync(join(dataDir, 'server.pid'), 'utf8'));
  process.kill(pid, 'SIGKILL');
  await eventually('the server gone', async () => { try { process.kill(pid, 0); return false; } catch { return true; } });
  await k8ts('up', ...flags);
  // Give the kubelet a relist to notice anything wrong, then compare: nothing may have moved.
  await eventually('pods reported again', async () => (await podsNow()).every((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')), 30_000);
  await kubectl('get', 'nodes');
  assert.deepEqual(summary(await podsNow()), before);

  await k8ts('down');
  await k8ts('up', ...flags);
  const again = await eventually('pods Running again after down/up', async () => {
    const ps = await podsNow();
    return ps.length === 2 && ps.every((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) && ps;
  }, 60_000);
  assert.deepEqual(again.map((p) => p.metadata!.uid).sort(), before.map((p) => p.uid).sort(), 'the same pod objects');
});
