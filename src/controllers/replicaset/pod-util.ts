/**
 * Small pure predicates on pods, after Kubernetes' pkg/api/v1/pod/util.go (IsPodReady,
 * IsPodAvailable) and pkg/controller/controller_utils.go (IsPodActive).
 */
import type { Pod, PodCondition } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';

export type RPod = DeepReadonly<Pod>;

/** Not Succeeded, not Failed and not being deleted: the pods a ReplicaSet counts. */
export function isPodActive(p: RPod): boolean {
  const phase = p.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !p.metadata?.deletionTimestamp;
}

/** The Ready condition; a plain loop, as it runs per pod on every status computation. */
export function readyCondition(p: RPod): DeepReadonly<PodCondition> | undefined {
  const cs = p.status?.conditions;
  if (cs) for (const c of cs) if (c.type === 'Ready') return c;
  return undefined;
}

export function isPodReady(p: RPod): boolean {
  return readyCondition(p)?.status === 'True';
}

/** When the Ready condition `c` turned True (ms since epoch); undefined when it is not True or the time is unknown. */
function readySince(c: DeepReadonly<PodCondition> | undefined): number | undefined {
  if (c?.status !== 'True' || !c.lastTransitionTime) return undefined;
  const t = Date.parse(c.lastTransitionTime);
  return Number.isNaN(t) ? undefined : t;
}

/** When the pod turned Ready (ms since epoch), or undefined when it is not ready or the time is unknown. */
export function podReadyTime(p: RPod): number | undefined {
  return readySince(readyCondition(p));
}

/**
 * How long until a ready pod counts as available: 0 when it already does, undefined when it
 * is not ready. Available means ready for strictly more than `minReadySeconds` (IsPodAvailable
 * compares with Before), so the wait ends 1 ms past the boundary. One look at the conditions,
 * and the time is parsed only when minReadySeconds asks for it.
 */
export function msUntilAvailable(p: RPod, minReadySeconds: number, now: number): number | undefined {
  const c = readyCondition(p);
  if (c?.status !== 'True') return undefined;
  if (!minReadySeconds) return 0;
  const since = readySince(c);
  if (since === undefined) return undefined;
  const due = since + minReadySeconds * 1000;
  return due < now ? 0 : due - now + 1;
}

/**
 * Whether an update of a pod (same labels, same controller) can change what a ReplicaSet's
 * sync reads of it: whether it is active, ready, and since when. Kubernetes' updatePod
 * enqueues the ReplicaSet on every pod update; a binding (spec.nodeName, PodScheduled) then
 * costs a sync that walks all the set's pods and writes nothing (at 5 000 nodes, 1 000 pods
 * per set, that walk was a tenth of the control-plane thread). Which pod a scale-down deletes
 * is read from the cache when that sync runs.
 */
export function activeOrReadyChanged(old: RPod, cur: RPod): boolean {
  if (old.status?.phase !== cur.status?.phase || !old.metadata?.deletionTimestamp !== !cur.metadata?.deletionTimestamp) return true;
  const a = readyCondition(old);
  const b = readyCondition(cur);
  return a?.status !== b?.status || a?.lastTransitionTime !== b?.lastTransitionTime;
}

export const podKey = (p: { metadata?: { namespace?: string; name?: string } }) => `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;

/** Label maps equal as maps (updatePod's labelChanged test; none and empty alike), without serialising both per pod event. */
export function sameLabels(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  if (a === b) return true;
  let n = 0;
  for (const k in a) { if (b?.[k] !== a[k]) return false; n++; }
  for (const _ in b) n--;
  return n === 0;
}
