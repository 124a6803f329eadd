/**
 * The scheduler cache (pkg/scheduler/backend/cache): nodes and the pods assigned to them,
 * fed by informers, plus pods *assumed* at bind time so that the next pod sees them before
 * the informer does. An informer add for an assumed pod confirms it; a failed bind forgets it.
 *
 * Besides per-node sums (node-info.ts) it keeps, per namespace, assigned pods grouped by
 * identical label sets and counted per node: a ReplicaSet's pods share one label set, so
 * "which pods match this selector, on which node" costs one selector match per distinct
 * label set rather than one per pod (used by topology spreading and pod affinity).
 */
import type { Node, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../client/freeze.ts';
import { NodeInfo } from './node-info.ts';
import { hasAffinity, newPodInfo, type PodInfo } from './pod-info.ts';
import type { AssignedPod, ClusterView, LabelGroup } from './types.ts';

interface Group { labels: Readonly<Record<string, string>>; byNode: Map<NodeInfo, number>; byZone: Map<string, number>; total: number }
interface Entry { info: PodInfo; node: string; assumed: boolean; zone: string | undefined; ni: NodeInfo }


function bumpMap<K>(m: Map<K, number>, k: K | undefined, by: number): void {
  if (k === undefined) return;
  const n = (m.get(k) ?? 0) + by;
  if (n > 0) m.set(k, n); else m.delete(k);
}

export class SchedulerCache implements ClusterView {
  readonly #nodes = new Map<string, NodeInfo>();
  #list: NodeInfo[] = [];
  readonly #index = new Map<string, number>();
  readonly #pods = new Map<string, Entry>();
  readonly #groups = new Map<string, Map<string, Group>>();
  readonly #withAffinity = new Map<string, Entry>();
  readonly #withAntiAffinity = new Map<string, Entry>();
  readonly #nsLabels: (ns: string) => Readonly<Record<string, string>> | undefined;

  constructor(nsLabels: (ns: string) => Readonly<Record<string, string>> | undefined = () => undefined) {
    this.#nsLabels = nsLabels;
  }

  // --- ClusterView
  nodes(): readonly NodeInfo[] { return this.#list; }
  node(name: string): NodeInfo | undefined { const n = this.#nodes.get(name); return n?.node ? n : undefined; }
  labelGroups(ns: string): Iterable<LabelGroup> { return this.#groups.get(ns)?.values() ?? []; }
  namespaces(): Iterable<string> { return this.#groups.keys(); }
  namespaceLabels(ns: string) { return this.#nsLabels(ns); }
  podsWithAffinity(): Iterable<AssignedPod> { return this.#withAffinity.values(); }
  podsWithRequiredAntiAffinity(): Iterable<AssignedPod> { return this.#withAntiAffinity.values(); }

  // --- nodes
  upsertNode(node: DeepReadonly<Node>): void {
    const name = node.metadata!.name!;
    let ni = this.#nodes.get(name);
    if (!ni) this.#nodes.set(name, (ni = new NodeInfo(name)));
    const zoneBefore = ni.zone;
    ni.setNode(node);
    // Keep the per-zone counts right when a node's zone label changes under its pods.
    if (ni.zone !== zoneBefore) for (const p of [...ni.pods.values()]) this.#reAdd(p.key);
    if (!this.#index.has(name)) { this.#index.set(name, this.#list.length); this.#list.push(ni); }
  }

  removeNode(name: string): void {
    const ni = this.#nodes.get(name);
    if (!ni) return;
    ni.node = undefined;
    const i = this.#index.get(name);
    if (i !== undefined) {
      const last = this.#list.pop()!;
      if (last !== ni) { this.#list[i] = last; this.#index.set(last.name, i); }
      this.#index.delete(name);
    }
    // Pods still bound to a deleted node stay accounted until they go (as Kubernetes keeps a ghost NodeInfo).
    if (ni.pods.size === 0) this.#nodes.delete(name);
  }

  nodeCount(): number { return this.#list.length; }

  // --- pods
  /** An assigned pod seen by the informer (add or update); confirms an assumed one. */
  upsertPod(pod: DeepReadonly<Pod>): void {
    const info = newPodInfo(pod);
    this.#remove(info.key);
    this.#add(info, pod.spec!.nodeName!, false);
  }

  removePod(key: string): void { this.#remove(key); }

  /** Accounts `info` on `nodeName` before the binding is seen. */
  assume(info: PodInfo, nodeName: string): void {
    this.#remove(info.key);
    this.#add(info, nodeName, true);
  }

  /** Undoes `assume` after a failed bind; no-op when the informer already confirmed the pod. */
  forget(key: string): void {
    if (this.#pods.get(key)?.assumed) this.#remove(key);
  }

  isAssumed(key: string): boolean { return !!this.#pods.get(key)?.assumed; }
  hasPod(key: string): boolean { return this.#pods.has(key); }
  podCount(): number { return this.#pods.size; }

  #add(info: PodInfo, node: string, assumed: boolean): void {
    let ni = this.#nodes.get(node);
    if (!ni) this.#nodes.set(node, (ni = new NodeInfo(node)));
    const e: Entry = { info, node, assumed, zone: ni.zone, ni };
    this.#pods.set(info.key, e);
    ni.addPod(info);
    let byLabels = this.#groups.get(info.namespace);
    if (!byLabels) this.#groups.set(info.namespace, (byLabels = new Map()));
    let g = byLabels.get(info.labelsKey);
    if (!g) byLabels.set(info.labelsKey, (g = { labels: info.labels, byNode: new Map(), byZone: new Map(), total: 0 }));
    bumpMap(g.byNode, ni, 1);
    bumpMap(g.byZone, e.zone, 1);
    g.total++;
    if (hasAffinity(info)) this.#withAffinity.set(info.key, e);
    if (info.requiredAntiAffinity.length) this.#withAntiAffinity.set(info.key, e);
  }

  #remove(key: string): void {
    const e = this.#pods.get(key);
    if (!e) return;
    this.#pods.delete(key);
    const ni = this.#nodes.get(e.node);
    if (ni) {
      ni.removePod(e.info);
      if (!ni.node && ni.pods.size === 0) this.#nodes.delete(e.node);
    }
    const byLabels = this.#groups.get(e.info.namespace);
    const g = byLabels?.get(e.info.labelsKey);
    if (byLabels && g) {
      bumpMap(g.byNode, e.ni, -1);
      bumpMap(g.byZone, e.zone, -1);
      if (--g.total <= 0) byLabels.delete(e.info.labelsKey);
      if (!byLabels.size) this.#groups.delete(e.info.namespace);
    }
    this.#withAffinity.delete(key);
    this.#withAntiAffinity.delete(key);
  }

  #reAdd(key: string): void {
    const e = this.#pods.get(key);
    if (!e) return;
    this.#remove(key);
    this.#add(e.info, e.node, e.assumed);
  }

  /** The node an assigned pod is on (assumed or confirmed). */
  nodeOf(key: string): string | undefined { return this.#pods.get(key)?.node; }
}
