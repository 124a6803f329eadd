/**
 * Node health, decided from the clock: a node is stale when neither its Lease nor its Ready
 * condition's heartbeat has moved within the grace period (kube-controller-manager
 * --node-monitor-grace-period, 40 s). Follows tryUpdateNodeHealth in
 * kubernetes/kubernetes pkg/controller/nodelifecycle/node_lifecycle_controller.go, with one
 * simplification: we compare the object's timestamps with our clock rather than the time we
 * observed them change, which is the same thing while every part runs on one clock.
 */
import type { Lease } from 'kubernetes-types/coordination/v1.d.ts';
import type { Node, NodeCondition } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { rfc3339 } from '../../api/meta.ts';

/** The conditions the kubelet reports and this controller turns Unknown (upstream's list). */
export const MONITORED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

export const REASON_STATUS_UNKNOWN = 'NodeStatusUnknown';
export const MESSAGE_STATUS_UNKNOWN = 'Kubelet stopped posting node status.';
export const REASON_NEVER_UPDATED = 'NodeStatusNeverUpdated';
export const MESSAGE_NEVER_UPDATED = 'Kubelet never posted node status.';

const ms = (t: string | undefined | null): number => (t ? Date.parse(t) : NaN);

export function readyCondition(node: DeepReadonly<Node>): DeepReadonly<NodeCondition> | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready');
}

/**
 * The last sign of life, in ms since epoch: the newest of the lease's renewTime, the Ready
 * heartbeat, the node's creation and `sinceMs` (when this controller started watching, so a
 * restarted controller gives every node a fresh grace period, as upstream does).
 */
export function lastProbe(node: DeepReadonly<Node>, lease: DeepReadonly<Lease> | undefined, sinceMs: number): number {
  const times = [ms(lease?.spec?.renewTime), ms(readyCondition(node)?.lastHeartbeatTime), ms(node.metadata?.creationTimestamp), sinceMs];
  return Math.max(...times.filter((t) => !Number.isNaN(t)));
}

export function isStale(node: DeepReadonly<Node>, lease: DeepReadonly<Lease> | undefined, nowMs: number, graceMs: number, sinceMs: number): boolean {
  return nowMs - lastProbe(node, lease, sinceMs) > graceMs;
}


/**
 * The conditions a stale node should show: every monitored condition Unknown (missing ones
 * added as never updated), heartbeats kept, transition time now where the status changes.
 * Answers undefined when they already read so (nothing to write).
 */
export function unknownConditions(conditions: readonly DeepReadonly<NodeCondition>[] | undefined, nowMs: number): NodeCondition[] | undefined {
  const out: NodeCondition[] = (conditions ?? []).map((c) => structuredClone(c) as NodeCondition);
  let changed = false;
  for (const type of MONITORED_CONDITIONS) {
    const c = out.find((x) => x.type === type);
    if (!c) {
      out.push({ type, status: 'Unknown', reason: REASON_NEVER_UPDATED, message: MESSAGE_NEVER_UPDATED, lastTransitionTime: rfc3339(nowMs), lastHeartbeatTime: rfc3339(nowMs) });
      changed = true;
    } else if (c.status !== 'Unknown') {
      Object.assign(c, { status: 'Unknown', reason: REASON_STATUS_UNKNOWN, message: MESSAGE_STATUS_UNKNOWN, lastTransitionTime: rfc3339(nowMs) });
      changed = true;
    }
  }
  return changed ? out : undefined;
}
