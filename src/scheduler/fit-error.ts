/**
 * The message of a pod that fits nowhere, worded as kube-scheduler words it
 * (FitError.Error in pkg/scheduler/framework/types.go, and the preemption PostFilter's
 * message in pkg/scheduler/framework/preemption/preemption.go):
 *
 *   0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu. preemption: 0/3
 *   nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.
 *
 * Reasons are counted over nodes and sorted as strings. k8ts does not preempt, so every node
 * rejected by a resolvable reason reports "No preemption victims found" (what Kubernetes says
 * when no lower-priority pod could make room) and the others "Preemption is not helpful".
 */
import type { Status } from './types.ts';

export const NO_VICTIMS = 'No preemption victims found for incoming pod';
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';

const histogram = (counts: Map<string, number>) =>
  [...counts].map(([r, n]) => `${n} ${r}`).sort().join(', ');

/** `statuses`: the failing status of each rejected node; `numAllNodes`: nodes in the cluster. */
export function fitErrorMessage(numAllNodes: number, statuses: Iterable<Status>): string {
  const reasons = new Map<string, number>();
  const preemption = new Map<string, number>();
  for (const s of statuses) {
    for (const r of s.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    const p = s.code === 'Unschedulable' ? NO_VICTIMS : NOT_HELPFUL;
    preemption.set(p, (preemption.get(p) ?? 0) + 1);
  }
  let msg = `0/${numAllNodes} nodes are available:`;
  if (reasons.size) msg += ` ${histogram(reasons)}.`;
  msg += ` preemption: 0/${numAllNodes} nodes are available: ${preemption.size ? `${histogram(preemption)}.` : ''}`;
  return msg.trimEnd();
}
