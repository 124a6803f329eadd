/**
 * Which taints the node lifecycle controller keeps on a node, from its conditions:
 * - NoExecute (doNoExecuteTaintingPass): Ready False → node.kubernetes.io/not-ready,
 *   Ready Unknown → node.kubernetes.io/unreachable, Ready True → neither;
 * - NoSchedule (doNoScheduleTaintingPass, "taint nodes by condition"): the same two, plus
 *   memory-/disk-/pid-pressure and network-unavailable when those conditions are True, and
 *   unschedulable when spec.unschedulable is set.
 * See kubernetes/kubernetes pkg/controller/nodelifecycle/node_lifecycle_controller.go and
 * the keys in staging/src/k8s.io/api/core/v1/well_known_taints.go.
 * NoExecute taints carry `timeAdded` (taint eviction counts tolerationSeconds from it);
 * NoSchedule taints do not. Taints of other owners are never touched.
 */
import type { Node, Taint } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { readyCondition } from './health.ts';
import { rfc3339 } from '../../api/meta.ts';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** Condition type (when True) → NoSchedule taint key. */
const CONDITION_TAINTS: Record<string, string> = {
  MemoryPressure: 'node.kubernetes.io/memory-pressure',
  DiskPressure: 'node.kubernetes.io/disk-pressure',
  PIDPressure: 'node.kubernetes.io/pid-pressure',
  NetworkUnavailable: 'node.kubernetes.io/network-unavailable',
};

type Pair = { key: string; effect: 'NoSchedule' | 'NoExecute' };
const id = (t: { key?: string; effect?: string }) => `${t.key}:${t.effect}`;

const READY_KEYS = new Set([TAINT_NOT_READY, TAINT_UNREACHABLE]);
const MANAGED = new Set<string>([
  ...[TAINT_NOT_READY, TAINT_UNREACHABLE].flatMap((key) => [`${key}:NoSchedule`, `${key}:NoExecute`]),
  ...[...Object.values(CONDITION_TAINTS), TAINT_UNSCHEDULABLE].map((key) => `${key}:NoSchedule`),
]);

/** The controller-owned taints `node` should carry. Without a Ready condition, the readiness taints are left as they are. */
export function desiredTaints(node: DeepReadonly<Node>): Pair[] {
  const out: Pair[] = [];
  const ready = readyCondition(node);
  if (!ready) {
    for (const t of node.spec?.taints ?? []) if (READY_KEYS.has(t.key) && MANAGED.has(id(t))) out.push({ key: t.key, effect: t.effect as Pair['effect'] });
  } else if (ready.status !== 'True') {
    const key = ready.status === 'False' ? TAINT_NOT_READY : TAINT_UNREACHABLE;
    out.push({ key, effect: 'NoSchedule' }, { key, effect: 'NoExecute' });
  }
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type];
    if (key && c.status === 'True') out.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) out.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
  return out;
}

export interface TaintChange { taints: Taint[]; added: string[]; removed: string[] }

/**
 * The node's new taint list: others' taints and still-wanted ones kept as they are (so
 * `timeAdded` survives), new ones appended (NoExecute stamped with `nowMs`), unwanted
 * controller taints dropped. Undefined when nothing changes.
 */
export function reconcileTaints(current: readonly DeepReadonly<Taint>[] | undefined, desired: Pair[], nowMs: number): TaintChange | undefined {
  const want = new Set(desired.map(id));
  const kept = (current ?? []).filter((t) => !MANAGED.has(id(t)) || want.has(id(t)));
  const removed = (current ?? []).filter((t) => !kept.includes(t)).map(id);
  const have = new Set(kept.map(id));
  const addedTaints: Taint[] = desired.filter((p) => !have.has(id(p))).map((p) => (
    p.effect === 'NoExecute' ? { ...p, timeAdded: rfc3339(nowMs) } : { ...p }));
  if (!removed.length && !addedTaints.length) return undefined;
  return { taints: [...kept.map((t) => structuredClone(t) as Taint), ...addedTaints], added: addedTaints.map(id), removed };
}
