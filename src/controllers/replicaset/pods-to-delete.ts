/**
 * Which pods a ReplicaSet deletes when it has too many: Kubernetes' ranking
 * (pkg/controller/replicaset/replica_set.go getPodsToDelete and
 * pkg/controller/controller_utils.go ActivePodsWithRanks.Less, with the PodDeletionCost and
 * LogarithmicScaleDown features on, as they are by default since 1.22). Earlier in the
 * sorted order means deleted first:
 *
 * 1. unassigned (no spec.nodeName) before assigned;
 * 2. Pending before Unknown before Running;
 * 3. not ready before ready;
 * 4. lower `controller.kubernetes.io/pod-deletion-cost` before higher;
 * 5. more pods of the same owner on the pod's node (rank) before fewer;
 * 6. both ready: ready more recently before ready longer (in log2 buckets of time since);
 * 7. more container restarts before fewer (then more sidecar restarts);
 * 8. created more recently before older (in log2 buckets), ties broken by uid.
 */
import { isPodActive, isPodReady, podReadyTime, type RPod } from './pod-util.ts';

export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

export interface RankedPod { pod: RPod; rank: number }

/** The cost annotation as an int32; missing or malformed counts as 0. */
export function deletionCost(p: RPod): number {
  const v = p.metadata?.annotations?.[POD_DELETION_COST];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n : 0;
}

function maxRestarts(p: RPod): { regular: number; sidecar: number } {
  let regular = 0;
  let sidecar = 0;
  for (const c of p.status?.containerStatuses ?? []) regular = Math.max(regular, c.restartCount ?? 0);
  const sidecars = new Set((p.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  for (const c of p.status?.initContainerStatuses ?? []) if (sidecars.has(c.name)) sidecar = Math.max(sidecar, c.restartCount ?? 0);
  return { regular, sidecar };
}

/** Log2 bucket of how long ago `t` was, in nanoseconds as Go's Duration counts (-1 for "not in the past"). */
function logBucket(t: number, now: number): number {
  const ns = (now - t) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

/** Newer first; an unknown time first of all (afterOrZero). */
function newerFirst(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return a === undefined;
  return a > b;
}

const created = (p: RPod) => {
  const t = p.metadata?.creationTimestamp ? Date.parse(p.metadata.creationTimestamp) : NaN;
  return Number.isNaN(t) ? undefined : t;
};

/** Compares times by log bucket (LogarithmicScaleDown); same bucket → by uid. */
function compareTimes(a: RankedPod, b: RankedPod, ta: number | undefined, tb: number | undefined, now: number): number {
  if (ta === tb) return 0;
  if (ta === undefined || tb === undefined) return newerFirst(ta, tb) ? -1 : 1;
  const diff = logBucket(ta, now) - logBucket(tb, now);
  if (diff !== 0) return diff;
  const ua = a.pod.metadata?.uid ?? '';
  const ub = b.pod.metadata?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/** Sort comparator: negative when `a` should be deleted before `b`. */
export function compareForDeletion(a: RankedPod, b: RankedPod, now: number): number {
  const pa = a.pod;
  const pb = b.pod;
  const assignedA = !!pa.spec?.nodeName;
  const assignedB = !!pb.spec?.nodeName;
  if (assignedA !== assignedB) return assignedA ? 1 : -1;
  const phaseA = PHASE_ORDER[pa.status?.phase ?? ''] ?? 0;
  const phaseB = PHASE_ORDER[pb.status?.phase ?? ''] ?? 0;
  if (phaseA !== phaseB) return phaseA - phaseB;
  const readyA = isPodReady(pa);
  const readyB = isPodReady(pb);
  if (readyA !== readyB) return readyA ? 1 : -1;
  const costA = deletionCost(pa);
  const costB = deletionCost(pb);
  if (costA !== costB) return costA - costB;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (readyA && readyB) {
    const c = compareTimes(a, b, podReadyTime(pa), podReadyTime(pb), now);
    if (c !== 0) return c;
  }
  const ra = maxRestarts(pa);
  const rb = maxRestarts(pb);
  if (ra.regular !== rb.regular) return rb.regular - ra.regular;
  if (ra.sidecar !== rb.sidecar) return rb.sidecar - ra.sidecar;
  return compareTimes(a, b, created(pa), created(pb), now);
}

/**
 * Ranks each pod by how many active `related` pods (those of every ReplicaSet with the same
 * controlling owner, this one included) share its node, so scale-down spreads what remains.
 */
export function rankByRelatedPodsOnSameNode(pods: readonly RPod[], related: readonly RPod[]): RankedPod[] {
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  return pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
}

/** The `diff` pods to delete first out of `pods`; all of them when diff ≥ their number. */
export function getPodsToDelete(pods: readonly RPod[], related: readonly RPod[], diff: number, now: number): RPod[] {
  if (diff >= pods.length) return [...pods];
  const ranked = rankByRelatedPodsOnSameNode(pods, related);
  // Array.prototype.sort is stable; Go's sort.Sort is not, so ties may come out differently.
  ranked.sort((a, b) => compareForDeletion(a, b, now));
  return ranked.slice(0, diff).map((r) => r.pod);
}
