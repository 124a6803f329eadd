/** What the real-node tests need from the machine, and small shared helpers. */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import { findBinary } from '../../src/containerd/config.ts';
import { findCNIBinDir } from '../../src/containerd/cni-config.ts';

/** Why real containers cannot run here, or undefined when they can. */
export function nodeMissing(): string | undefined {
  if (process.getuid?.() !== 0) return 'real containers need root';
  const missing = ['containerd', 'runc', 'ctr'].filter((b) => !findBinary([b]));
  if (!findCNIBinDir()) missing.push('containernetworking-plugins');
  if (!existsSync('/bin/busybox') && !existsSync('/usr/bin/busybox')) missing.push('busybox-static');
  return missing.length ? `missing ${missing.join(', ')} (the launcher installs them: ./k8ts test)` : undefined;
}

/**
 * A pod network of this test process's own, so clusters running side by side (test files run
 * in parallel) never share routes: a second octet is reserved with an atomic mkdir under the
 * temp dir, holding the owner's pid; a reservation whose owner has died is taken over.
 * Released when the process exits.
 */
export function uniqueClusterCIDR(): string {
  const root = join(tmpdir(), 'k8ts-test-cidrs');
  mkdirSync(root, { recursive: true });
  const start = randomInt(100);
  for (let i = 0; i < 100; i++) {
    const octet = 150 + ((start + i) % 100);
    const dir = join(root, String(octet));
    try {
      mkdirSync(dir);
    } catch {
      let owner = 0;
      try { owner = Number(readFileSync(join(dir, 'pid'), 'utf8')); } catch { /* being written */ continue; }
      if (alive(owner)) continue;
      rmSync(dir, { recursive: true, force: true });
      try { mkdirSync(dir); } catch { continue; }
    }
    writeFileSync(join(dir, 'pid'), String(process.pid));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return `10.${octet}.0.0/16`;
  }
  throw new Error('no free test pod network left (10.150–249.0.0/16 all reserved)');
}

function alive(pid: number): boolean {
  if (!pid) return false;
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** Polls `fn` until it returns a truthy value (or stops throwing), with a deadline. */
export async function eventually<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const t0 = Date.now();
  let last: unknown;
  for (;;) {
    try { const v = await fn(); if (v) return v; last = v; } catch (e) { last = e; }
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Leaves nothing of a test cluster's node behind, even after a failed or killed run: kills
 * the processes that name `dir` (containerd, shims), lazily unmounts what is mounted under
 * it, and deletes the CNI bridge k8ts made for it. Our own resources only.
 */
export async function cleanupNodeDir(dir: string, bridge?: string, dataDir = dir): Promise<void> {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { spawnSync } = await import('node:child_process');
  // Containers first: killing a shim orphans its container's processes, which then hold
  // their cgroups. Everything in this cluster's own pod cgroups is ours.
  const { defaultCgroupRoot } = await import('../../src/kubelet/pods/cgroups.ts');
  const podRoot = join('/sys/fs/cgroup/memory', defaultCgroupRoot(join(dataDir, 'kubelet')));
  const walk = (d: string): void => {
    let entries: string[] = [];
    try { entries = readdirSync(d); } catch { return; }
    try { for (const t of readFileSync(join(d, 'tasks'), 'utf8').split('\n').filter(Boolean)) { try { process.kill(Number(t), 'SIGKILL'); } catch { /* gone */ } } } catch { /* no tasks file */ }
    for (const e of entries) if (!e.includes('.')) walk(join(d, e));
  };
  walk(podRoot);
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmd = '';
    try { cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { continue; }
    if (cmd.includes(dir) && Number(pid) !== process.pid) { try { process.kill(Number(pid), 'SIGKILL'); } catch { /* gone */ } }
  }
  // Pod cgroups of a kubelet that was killed (not stopped) stay behind under the data dir's own root.
  try {
    const { PodCgroups, defaultCgroupRoot } = await import('../../src/kubelet/pods/cgroups.ts');
    const { join } = await import('node:path');
    await new PodCgroups(defaultCgroupRoot(join(dataDir, 'kubelet'))).removeAll();
  } catch { /* no cgroups of ours */ }
  const mounts = readFileSync('/proc/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1]).filter((m) => m?.startsWith(dir));
  for (const m of mounts.sort().reverse()) spawnSync('umount', ['-l', m]);
  if (bridge) spawnSync('ip', ['link', 'del', bridge]);
}
