/**
 * activeDeadlineSeconds (pkg/kubelet/active_deadline.go): a pod that has been active on the
 * node (since status.startTime) longer than its deadline fails with reason DeadlineExceeded;
 * the kubelet kills its containers and records an event. Pure.
 */
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';

export const DEADLINE_REASON = 'DeadlineExceeded';
export const DEADLINE_MESSAGE = 'Pod was active on the node longer than the specified deadline';

/** When the pod's deadline ends (ms since epoch), if it has one and has started. */
export function deadlineAt(pod: DeepReadonly<Pod>): number | undefined {
  const s = pod.spec?.activeDeadlineSeconds;
  const start = pod.status?.startTime ? Date.parse(pod.status.startTime) : NaN;
  if (s == null || Number.isNaN(start)) return undefined;
  return start + s * 1000;
}

export function pastDeadline(pod: DeepReadonly<Pod>, now: number): boolean {
  const at = deadlineAt(pod);
  return at !== undefined && now >= at;
}
