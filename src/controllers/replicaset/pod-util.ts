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

export function readyCondition(p: RPod): DeepReadonly<PodCondition> | undefined {
  return p.status?.conditions?.find((c) => c.type === 'Ready');
}

export function isPodReady(p: RPod): boolean {
  return readyCondition(p)?.status === 'True';
}

/** When the pod turned Ready (ms since epoch), or undefined when it is not ready or the time is unknown. */
export function podReadyTime(p: RPod): number | undefined {
  const c = readyCondition(p);
  if (c?.status !== 'True' || !c.lastTransitionTime) return undefined;
  const t = Date.parse(c.lastTransitionTime);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * How long until a ready pod counts as available: 0 when it already does, undefined when it
 * is not ready. Available means ready for strictly more than `minReadySeconds` (IsPodAvailable
 * compares with Before), so the wait ends 1 ms past the boundary.
 */
export function msUntilAvailable(p: RPod, minReadySeconds: number, now: number): number | undefined {
  if (!isPodReady(p)) return undefined;
  if (!minReadySeconds) return 0;
  const since = podReadyTime(p);
  if (since === undefined) return undefined;
  const due = since + minReadySeconds * 1000;
  return due < now ? 0 : due - now + 1;
}

export const podKey = (p: { metadata?: { namespace?: string; name?: string } }) => `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;
