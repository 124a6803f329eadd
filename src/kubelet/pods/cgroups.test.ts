import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import { cgroupMounts, podCgroupConfig, podCgroupName, PodCgroups } from './cgroups.ts';
import { linuxResources } from './resources.ts';

const podOf = (cs: Container['resources'][], inits: Container['resources'][] = []): Pod => ({
  metadata: { name: 'p', namespace: 'ns', uid: 'u1' },
  spec: { containers: cs.map((resources, i) => ({ name: `c${i}`, resources })), initContainers: inits.map((resources, i) => ({ name: `i${i}`, resources })) },
});

for (const c of [
  { name: 'BestEffort', pod: podOf([{}]), wantName: '/r/besteffort/podu1', want: { cpuShares: 2 } },
  { name: 'Burstable: shares from requests, no quota without every limit', pod: podOf([{ requests: { cpu: '100m' } }, { limits: { cpu: '200m', memory: '32Mi' } }]),
    wantName: '/r/burstable/podu1', want: { cpuShares: 307 } },
  { name: 'Burstable: every container limited gives quota and memory', pod: podOf([{ requests: { cpu: '100m' }, limits: { cpu: '500m', memory: '64Mi' } }, { limits: { cpu: '250m', memory: '16Mi' } }]),
    wantName: '/r/burstable/podu1', want: { cpuShares: 358, cpuPeriod: 100000, cpuQuota: 75000, memoryLimitInBytes: 80 * 2 ** 20 } },
  { name: 'Guaranteed', pod: podOf([{ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }]),
    wantName: '/r/podu1', want: { cpuShares: 1024, cpuPeriod: 100000, cpuQuota: 100000, memoryLimitInBytes: 2 ** 30 } },
  { name: 'a larger init container sets the pod size', pod: podOf([{ limits: { cpu: '100m', memory: '10Mi' } }], [{ limits: { cpu: '2', memory: '1Gi' } }]),
    wantName: '/r/podu1', want: { cpuShares: 2048, cpuPeriod: 100000, cpuQuota: 200000, memoryLimitInBytes: 2 ** 30 } },
]) {
  test(`pod cgroup: ${c.name}`, () => {
    assert.equal(podCgroupName(c.pod, '/r'), c.wantName);
    assert.deepEqual(podCgroupConfig(c.pod), c.want);
  });
}

const GiB = 2 ** 30;
for (const c of [
  { name: 'BestEffort: oom 1000, shares 2', pod: podOf([{}]), want: { cpuShares: 2, oomScoreAdj: 1000 } },
  { name: 'Guaranteed: oom -997', pod: podOf([{ limits: { cpu: '1', memory: '1Gi' } }]),
    want: { cpuShares: 1024, oomScoreAdj: -997, cpuQuota: 100000, cpuPeriod: 100000, memoryLimitInBytes: GiB } },
  { name: 'Burstable: oom from the memory request share', pod: podOf([{ requests: { memory: '2Gi', cpu: '500m' } }]), want: { cpuShares: 512, oomScoreAdj: 750 } },
  { name: 'Burstable: tiny request clamps to 999', pod: podOf([{ requests: { memory: '1' } }]), want: { oomScoreAdj: 999 } },
  { name: 'Burstable: huge request clamps to 2', pod: podOf([{ requests: { memory: '8Gi' } }]), want: { oomScoreAdj: 2 } },
]) {
  test(`linuxResources: ${c.name}`, () => {
    const got = linuxResources(c.pod, c.pod.spec!.containers[0], 8 * GiB) as Record<string, unknown>;
    for (const [k, v] of Object.entries(c.want)) assert.equal(got[k], v, k);
  });
}

test('cgroupMounts: v1 controllers and the unified mount', () => {
  const m = cgroupMounts([
    'tmpfs /sys/fs/cgroup tmpfs rw 0 0', 'cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,cpu,cpuacct 0 0',
    'cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0', 'cgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0',
  ].join('\n'));
  assert.deepEqual(Object.fromEntries(m), { cpu: '/sys/fs/cgroup/cpu,cpuacct', cpuacct: '/sys/fs/cgroup/cpu,cpuacct', memory: '/sys/fs/cgroup/memory', '': '/sys/fs/cgroup/unified' });
});

// Plain directories stand in for the hierarchies: ensure/cleanup only mkdir, write files that exist and rmdir.
test('PodCgroups: ensure writes limits and copies cpusets; cleanup removes pods not active, keeps busy ones', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'k8ts-cg-'));
  try {
    for (const c of ['cpu', 'memory', 'cpuset']) await mkdir(join(dir, c));
    await writeFile(join(dir, 'cpuset/cpuset.cpus'), '0-1\n');
    await writeFile(join(dir, 'cpuset/cpuset.mems'), '0\n');
    const mounts = ['cpu', 'memory', 'cpuset'].map((c) => `cgroup ${join(dir, c)} cgroup rw,${c} 0 0`).join('\n');
    const cg = new PodCgroups('/k8ts-t/kubepods', mounts);
    const pod = podOf([{ limits: { cpu: '500m', memory: '64Mi' } }]);
    const name = '/k8ts-t/kubepods/podu1';
    // Files a real hierarchy would have: an empty cpuset in each new cgroup, limit files in the pod's.
    for (const sub of ['k8ts-t', 'k8ts-t/kubepods', 'k8ts-t/kubepods/podu1']) {
      await mkdir(join(dir, 'cpuset', sub), { recursive: true });
      for (const f of ['cpuset.cpus', 'cpuset.mems']) await writeFile(join(dir, 'cpuset', sub, f), '');
    }
    await mkdir(join(dir, 'cpu', name), { recursive: true });
    await mkdir(join(dir, 'memory', name), { recursive: true });
    for (const f of ['cpu.shares', 'cpu.cfs_period_us', 'cpu.cfs_quota_us']) await writeFile(join(dir, 'cpu', name, f), '');
    await writeFile(join(dir, 'memory', name, 'memory.limit_in_bytes'), '');

    assert.equal(await cg.ensure(pod), name);
    const read = (p: string) => readFile(join(dir, p), 'utf8');
    assert.deepEqual(await Promise.all(['cpu.shares', 'cpu.cfs_period_us', 'cpu.cfs_quota_us'].map((f) => read(`cpu${name}/${f}`))), ['512', '100000', '50000']);
    assert.equal(await read(`memory${name}/memory.limit_in_bytes`), String(64 * 2 ** 20));
    assert.equal(await read(`cpuset${name}/cpuset.cpus`), '0-1');
    assert.deepEqual(await cg.podUids(), ['u1']);

    assert.deepEqual(await cg.cleanup(new Set(['u1'])), []);
    assert.ok(existsSync(join(dir, 'memory', name)));
    // The files written above make the test dirs "busy" for rmdir, as tasks would: clear them, then cleanup works.
    for (const c of ['cpu', 'memory', 'cpuset']) await rm(join(dir, c, 'k8ts-t'), { recursive: true });
    await cg.ensure(podOf([{}]));
    assert.ok(existsSync(join(dir, 'memory/k8ts-t/kubepods/besteffort/podu1')));
    assert.deepEqual(await cg.cleanup(new Set()), ['u1']);
    assert.ok(!existsSync(join(dir, 'memory/k8ts-t/kubepods/besteffort/podu1')));
    assert.equal(await cg.removeAll(), true);
    assert.ok(!existsSync(join(dir, 'memory/k8ts-t')));
  } finally { await rm(dir, { recursive: true, force: true }); }
});
