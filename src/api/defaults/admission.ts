/**
 * Defaults that Kubernetes adds in admission plugins rather than in the defaulters, so the
 * server calls them on pod create only:
 * - DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds): tolerate
 *   not-ready and unreachable nodes for 300 s unless the pod already tolerates them;
 * - Priority (plugin/pkg/admission/priority): priority 0 and PreemptLowerPriority when no
 *   priorityClassName is given (we serve no PriorityClasses).
 */
import type { Pod, Toleration } from 'kubernetes-types/core/v1.d.ts';

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const DEFAULT_TOLERATION_SECONDS = 300;

/** The plugin's own test: an empty key or effect counts as a match, the operator is not looked at. */
function toleratesNoExecute(t: Toleration, key: string): boolean {
  return (!t.key || t.key === key) && (!t.effect || t.effect === 'NoExecute');
}

export function addDefaultTolerations(pod: Pod): void {
  pod.spec ??= { containers: [] };
  const tolerations = pod.spec.tolerations ?? [];
  for (const key of [TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE]) {
    if (tolerations.some((t) => toleratesNoExecute(t, key))) continue;
    tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  pod.spec.tolerations = tolerations;
}

export function addDefaultPriority(pod: Pod): void {
  pod.spec ??= { containers: [] };
  if (pod.spec.priorityClassName) return;
  pod.spec.priority ??= 0;
  pod.spec.preemptionPolicy ??= 'PreemptLowerPriority';
}
