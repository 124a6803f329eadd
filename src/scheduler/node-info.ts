/**
 * Per-node aggregate state, kept incrementally as pods come and go (framework.NodeInfo in
 * pkg/scheduler/framework/types.go): allocatable, the sums of requested and non-zero
 * requested resources, the pod count, host ports in use. Filters and scores read numbers
 * from here instead of walking the node's pods.
 *
 * The numbers the per-node filter and score loops need (pod count, cpu / memory / ephemeral
 * storage allocatable and requested, taint and label flags) are also kept as plain fields of
 * the NodeInfo itself. In a big heap the NodeInfos, their Maps and the objects hanging off
 * them sit far apart, and every extra object a plugin touches for each of the hundreds of
 * nodes it looks at per pod is a cache and TLB miss; plain fields cost one.
 */
import type { Node, Taint } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../client/freeze.ts';
import type { HostPort, PodInfo } from './pod-info.ts';
import { milliOf, valueOf, zeroResources, type Resources } from './resources.ts';

export const HOSTNAME_LABEL = 'kubernetes.io/hostname';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

// One string object per zone name, so that Map lookups by zone find their key by identity
// instead of comparing strings from nodes all over the heap. Zones are few; the cap is a guard.
const zones = new Map<string, string>();
function intern(zone: string | undefined): string | undefined {
  if (zone === undefined) return undefined;
  const had = zones.get(zone);
  if (had !== undefined) return had;
  if (zones.size < 10_000) zones.set(zone, zone);
  return zone;
}

export class NodeInfo {
  readonly name: string;
  // --- flat copies for the hot loops (see the top comment), first so that they share the
  // object's first cache line; always equal to what the objects further down say.
  unschedulable = false;
  /** Some taint has effect NoSchedule or NoExecute (what the TaintToleration filter checks). */
  hasHardTaints = false;
  /** Some taint has effect PreferNoSchedule (what the TaintToleration score counts). */
  hasPreferTaints = false;
  /** Labels has `kubernetes.io/hostname`. */
  hasHostnameLabel = false;
  /** `pods.size` */
  podCount = 0;
  allowedPods = 0;
  allocMilliCPU = 0;
  reqMilliCPU = 0;
  nonZeroMilliCPU = 0;
  allocMemory = 0;
  reqMemory = 0;
  nonZeroMemory = 0;
  allocEphemeralStorage = 0;
  reqEphemeralStorage = 0;
  /** The `topology.kubernetes.io/zone` label, if any. */
  zone: string | undefined = undefined;

  node: DeepReadonly<Node> | undefined;
  labels: Readonly<Record<string, string>> = {};
  taints: readonly DeepReadonly<Taint>[] = [];
  allocatable: Resources = zeroResources();
  readonly requested: Resources = zeroResources();
  readonly nonZeroRequested: Resources = zeroResources();
  readonly pods = new Map<string, PodInfo>();
  /** "protocol/port" → host IPs using it ("0.0.0.0" for all). */
  readonly usedPorts = new Map<string, Map<string, number>>();
  /** Bumped on every change. */
  generation = 0;

  constructor(name: string, node?: DeepReadonly<Node>) {
    this.name = name;
    if (node) this.setNode(node);
  }

  setNode(node: DeepReadonly<Node>): void {
    this.node = node;
    this.labels = (node.metadata?.labels ?? {}) as Record<string, string>;
    this.taints = node.spec?.taints ?? [];
    this.hasHardTaints = this.taints.some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
    this.hasPreferTaints = this.taints.some((t) => t.effect === 'PreferNoSchedule');
    this.hasHostnameLabel = HOSTNAME_LABEL in this.labels;
    this.zone = intern(this.labels[ZONE_LABEL]);
    this.unschedulable = !!node.spec?.unschedulable;
    const a = (node.status?.allocatable ?? {}) as Record<string, unknown>;
    const r = zeroResources();
    for (const k in a) {
      if (k === 'cpu') r.milliCPU = milliOf(a[k]);
      else if (k === 'memory') r.memory = valueOf(a[k]);
      else if (k === 'ephemeral-storage') r.ephemeralStorage = valueOf(a[k]);
      else if (k !== 'pods' && (k.includes('/') || k.startsWith('hugepages-'))) (r.scalar ??= new Map()).set(k, valueOf(a[k]));
    }
    this.allocatable = r;
    this.allocMilliCPU = r.milliCPU;
    this.allocMemory = r.memory;
    this.allocEphemeralStorage = r.ephemeralStorage;
    this.allowedPods = a.pods === undefined ? 0 : valueOf(a.pods);
    this.generation++;
  }

  addPod(p: PodInfo): void {
    if (this.pods.has(p.key)) this.removePod(this.pods.get(p.key)!);
    this.pods.set(p.key, p);
    this.#account(p, 1);
  }

  removePod(p: PodInfo): boolean {
    const had = this.pods.get(p.key);
    if (!had) return false;
    this.pods.delete(p.key);
    this.#account(had, -1);
    return true;
  }

  #account(p: PodInfo, sign: 1 | -1): void {
    add(this.requested, p.requests, sign);
    add(this.nonZeroRequested, p.nonZeroRequests, sign);
    this.podCount = this.pods.size;
    this.reqMilliCPU = this.requested.milliCPU;
    this.reqMemory = this.requested.memory;
    this.reqEphemeralStorage = this.requested.ephemeralStorage;
    this.nonZeroMilliCPU = this.nonZeroRequested.milliCPU;
    this.nonZeroMemory = this.nonZeroRequested.memory;
    for (const hp of p.hostPorts) this.#port(hp, sign);
    this.generation++;
  }

  #port(hp: HostPort, sign: 1 | -1): void {
    const k = `${hp.protocol}/${hp.port}`;
    let ips = this.usedPorts.get(k);
    if (!ips) { if (sign < 0) return; this.usedPorts.set(k, (ips = new Map())); }
    const n = (ips.get(hp.ip) ?? 0) + sign;
    if (n > 0) ips.set(hp.ip, n); else ips.delete(hp.ip);
    if (!ips.size) this.usedPorts.delete(k);
  }

  /** Whether a wanted host port collides (0.0.0.0 collides with every address: HostPortInfo.CheckConflict). */
  portConflicts(hp: HostPort): boolean {
    const ips = this.usedPorts.get(`${hp.protocol}/${hp.port}`);
    if (!ips) return false;
    if (hp.ip === '0.0.0.0') return true;
    return ips.has(hp.ip) || ips.has('0.0.0.0');
  }
}

function add(r: Resources, o: Resources, sign: number): void {
  r.milliCPU += sign * o.milliCPU;
  r.memory += sign * o.memory;
  r.ephemeralStorage += sign * o.ephemeralStorage;
  if (o.scalar) for (const [k, v] of o.scalar) (r.scalar ??= new Map()).set(k, (r.scalar.get(k) ?? 0) + sign * v);
}
