/**
 * Pod-level cgroups, as the kubelet's cgroupfs driver lays them out (pkg/kubelet/cm/qos_container_manager_linux.go,
 * pod_container_manager_linux.go, helpers_linux.go ResourceConfigForPod):
 *
 *   <root>/pod<uid>              Guaranteed
 *   <root>/burstable/pod<uid>    Burstable
 *   <root>/besteffort/pod<uid>   BestEffort (cpu.shares 2)
 *
 * `<root>` is this kubelet's own parent (e.g. `/k8ts-<id>/kubepods`), so two kubelets on one machine never touch each
 * other's pods. The pod cgroup is the sandbox's `cgroup_parent`; runc creates the containers' cgroups under it but
 * never removes the pod's (runtime.md): `cleanup` does, for pods no longer active. A cgroup that still has tasks or
 * children refuses rmdir (EBUSY) and is retried at the next cleanup.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { milliValue, parseQuantity, quantityValue } from '../../api/quantity.ts';
import { milliCPUToShares, qosClass } from './resources.ts';

const QUOTA_PERIOD = 100_000, MIN_QUOTA = 1000;

export interface PodCgroupConfig { cpuShares: number; cpuQuota?: number; cpuPeriod?: number; memoryLimitInBytes?: number }

/** A kubelet's own cgroup root, from its data dir: `/k8ts-<8 hex>/kubepods`. */
export const defaultCgroupRoot = (kubeletDataDir: string) => `/k8ts-${createHash('sha256').update(kubeletDataDir).digest('hex').slice(0, 8)}/kubepods`;

/** The cgroup path of a pod under `root` (absolute, as CRI's cgroup_parent wants it under cgroupfs). */
export function podCgroupName(pod: DeepReadonly<Pod>, root: string): string {
  const q = qosClass(pod);
  const uid = pod.metadata?.uid ?? '';
  return q === 'Guaranteed' ? `${root}/pod${uid}` : `${root}/${q.toLowerCase()}/pod${uid}`;
}

type RO<T> = DeepReadonly<T>;
const milli = (v: unknown) => (v === undefined ? 0 : milliValue(parseQuantity(String(v))));
const bytes = (v: unknown) => (v === undefined ? 0 : quantityValue(parseQuantity(String(v))));

/**
 * The pod cgroup's limits: shares from the summed cpu requests; a quota and a memory limit only when every
 * container has that limit. Init containers run alone, so the pod needs the larger of their max and the sum
 * of the app containers (as the API's effective pod request).
 */
export function podCgroupConfig(pod: RO<Pod>): PodCgroupConfig {
  const apps = (pod.spec?.containers ?? []) as readonly RO<Container>[];
  const inits = (pod.spec?.initContainers ?? []) as readonly RO<Container>[];
  const all = [...apps, ...inits];
  const eff = (f: (c: RO<Container>) => number) => Math.max(apps.reduce((s, c) => s + f(c), 0), ...inits.map(f), 0);
  const reqCPU = eff((c) => milli(c.resources?.requests?.cpu ?? c.resources?.limits?.cpu));
  const out: PodCgroupConfig = { cpuShares: qosClass(pod) === 'BestEffort' ? 2 : milliCPUToShares(reqCPU) };
  if (all.length && all.every((c) => c.resources?.limits?.cpu !== undefined)) {
    out.cpuPeriod = QUOTA_PERIOD;
    out.cpuQuota = Math.max(MIN_QUOTA, Math.floor((eff((c) => milli(c.resources?.limits?.cpu)) * QUOTA_PERIOD) / 1000));
  }
  if (all.length && all.every((c) => c.resources?.limits?.memory !== undefined)) out.memoryLimitInBytes = eff((c) => bytes(c.resources?.limits?.memory));
  return out;
}

/** Mount points of the cgroup hierarchies: v1 controllers (by name) and the unified v2 one (key ''). */
export function cgroupMounts(mountsText: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of mountsText.split('\n')) {
    const [, point, type, opts] = line.split(' ');
    if (type === 'cgroup2') out.set('', point);
    else if (type === 'cgroup') for (const o of opts.split(',')) if (!['rw', 'ro', 'relatime', 'noatime', 'nosuid', 'nodev', 'noexec'].includes(o)) out.set(o, point);
  }
  return out;
}

export class PodCgroups {
  readonly root: string;
  readonly #mounts: Map<string, string>;

  constructor(root: string, mountsText = readFileSync('/proc/mounts', 'utf8')) {
    this.root = root;
    this.#mounts = cgroupMounts(mountsText);
  }

  /** Whether pod cgroups can be made here (cgroup hierarchies mounted and writable by us). */
  static available(): boolean {
    return process.getuid?.() === 0 && existsSync('/sys/fs/cgroup/cpu') && existsSync('/sys/fs/cgroup/memory');
  }

  #points(): string[] { return [...new Set(this.#mounts.values())]; }

  /** Host paths of a cgroup in each hierarchy (tests read memory.limit_in_bytes there). */
  hostPath(controller: string, cgroup: string): string | undefined {
    const p = this.#mounts.get(controller);
    return p ? join(p, cgroup) : undefined;
  }

  /** Creates the QoS and pod cgroups and writes the pod's limits; answers the cgroup parent for the sandbox. */
  async ensure(pod: RO<Pod>): Promise<string> {
    const name = podCgroupName(pod, this.root);
    const cpuset = this.#mounts.get('cpuset');
    for (const point of this.#points()) {
      await mkdir(join(point, name), { recursive: true });
      // A new cpuset cgroup starts with no cpus or mems: copy them down from the first parent that has them.
      if (point === cpuset) await fillCpuset(point, name);
    }
    const cfg = podCgroupConfig(pod);
    const cpu = this.#mounts.get('cpu'), mem = this.#mounts.get('memory');
    const qos = qosClass(pod);
    if (cpu && qos === 'BestEffort') await writeIfExists(join(cpu, this.root, 'besteffort', 'cpu.shares'), '2');
    if (cpu) {
      await writeIfExists(join(cpu, name, 'cpu.shares'), String(cfg.cpuShares));
      if (cfg.cpuQuota) {
        await writeIfExists(join(cpu, name, 'cpu.cfs_period_us'), String(cfg.cpuPeriod));
        await writeIfExists(join(cpu, name, 'cpu.cfs_quota_us'), String(cfg.cpuQuota));
      }
    }
    if (mem && cfg.memoryLimitInBytes) await writeIfExists(join(mem, name, 'memory.limit_in_bytes'), String(cfg.memoryLimitInBytes));
    return name;
  }

  /** The uids that have a pod cgroup under our root. */
  async podUids(): Promise<string[]> {
    const base = this.#mounts.get('memory') ?? this.#points()[0];
    if (!base) return [];
    const uids = new Set<string>();
    for (const sub of ['', 'burstable', 'besteffort']) {
      for (const e of await readdir(join(base, this.root, sub)).catch(() => [] as string[])) if (e.startsWith('pod')) uids.add(e.slice(3));
    }
    return [...uids];
  }

  /** Removes the pod cgroups of uids not in `active`, in every hierarchy; answers the uids fully removed. */
  async cleanup(active: ReadonlySet<string>): Promise<string[]> {
    const gone: string[] = [];
    for (const uid of await this.podUids()) {
      if (active.has(uid)) continue;
      let ok = true;
      for (const point of this.#points()) {
        for (const sub of ['', 'burstable', 'besteffort']) {
          if (!(await rmTree(join(point, this.root, sub, `pod${uid}`)))) ok = false;
        }
      }
      if (ok) gone.push(uid);
    }
    return gone;
  }

  /** Removes every pod cgroup not busy, then our QoS and root cgroups when empty (node shutdown, tests). */
  async removeAll(): Promise<boolean> {
    await this.cleanup(new Set());
    const parts = this.root.split('/').filter(Boolean);
    let ok = true;
    for (const point of this.#points()) {
      for (const sub of ['burstable', 'besteffort']) if (!(await rmTree(join(point, this.root, sub)))) ok = false;
      for (let i = parts.length; i > 0; i--) {
        try { await rmdir(join(point, ...parts.slice(0, i))); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'ENOENT') { ok = false; break; } }
      }
    }
    return ok;
  }
}

async function writeIfExists(path: string, value: string): Promise<void> {
  if (existsSync(path)) await writeFile(path, value);
}

async function fillCpuset(point: string, name: string): Promise<void> {
  const parts = name.split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const dir = join(point, ...parts.slice(0, i)), parent = join(point, ...parts.slice(0, i - 1));
    for (const f of ['cpuset.cpus', 'cpuset.mems']) {
      const mine = await readFile(join(dir, f), 'utf8').catch(() => undefined);
      if (mine === undefined || mine.trim()) continue;
      await writeFile(join(dir, f), (await readFile(join(parent, f), 'utf8')).trim());
    }
  }
}

/** rmdir a cgroup and its child cgroups, deepest first; false when one is still busy. */
async function rmTree(dir: string): Promise<boolean> {
  let entries;
  try { entries = await readdir(dir, { withFileTypes: true }); } catch { return true; }
  let ok = true;
  for (const e of entries) if (e.isDirectory() && !(await rmTree(join(dir, e.name)))) ok = false;
  try { await rmdir(dir); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'ENOENT') ok = false; }
  return ok;
}
