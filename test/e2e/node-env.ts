/** What the real-node tests need from the machine, and small shared helpers. */
import { existsSync } from 'node:fs';
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

/** A pod network of this test run's own, so clusters running side by side do not share routes. */
export const uniqueClusterCIDR = () => `10.${200 + randomInt(50)}.0.0/16`;

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
