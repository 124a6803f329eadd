/**
 * The status a ReplicaSet should have, computed from its active pods: Kubernetes'
 * calculateStatus and updateReplicaSetStatus's "unchanged?" test
 * (pkg/controller/replicaset/replica_set_utils.go). Pure: time comes in as `now`.
 */
import type { ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { msUntilAvailable, type RPod } from './pod-util.ts';
import { rfc3339 } from '../../api/meta.ts';

export const REPLICA_FAILURE = 'ReplicaFailure';


export interface ComputedStatus {
  status: ReplicaSetStatus;
  /** ms until a ready pod becomes available (minReadySeconds), when some is waiting. */
  requeueAfter?: number;
}

/**
 * `manageError`: what creating or deleting pods failed with this sync. It sets the
 * ReplicaFailure condition (reason FailedCreate when short of pods, FailedDelete when over)
 * unless one is already there; a sync without error removes it.
 */
export function calculateStatus(rs: DeepReadonly<ReplicaSet>, activePods: readonly RPod[], manageError: Error | undefined, now: number): ComputedStatus {
  const minReady = rs.spec?.minReadySeconds ?? 0;
  // The template's labels as pairs, once: the per-pod test is then a loop with no allocation.
  const templateLabels = Object.entries(rs.spec?.template?.metadata?.labels ?? {});
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  let wait: number | undefined;
  for (const p of activePods) {
    if (hasAll(templateLabels, p.metadata?.labels)) fullyLabeled++;
    const until = msUntilAvailable(p, minReady, now);
    if (until === undefined) continue;
    ready++;
    if (until === 0) available++;
    else wait = Math.min(wait ?? Infinity, until);
  }
  let conditions = (rs.status?.conditions ?? []).map((c) => ({ ...c })) as ReplicaSetCondition[];
  const failure = conditions.find((c) => c.type === REPLICA_FAILURE);
  if (manageError && !failure) {
    const diff = activePods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions.push({ type: REPLICA_FAILURE, status: 'True', reason, message: manageError.message, lastTransitionTime: rfc3339(now) });
  } else if (!manageError && failure) {
    conditions = conditions.filter((c) => c !== failure);
  }
  const status: ReplicaSetStatus = {
    ...(rs.status as ReplicaSetStatus | undefined),
    replicas: activePods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    observedGeneration: rs.metadata?.generation,
  };
  if (conditions.length) status.conditions = conditions; else delete status.conditions;
  return { status, ...(wait !== undefined && !manageError ? { requeueAfter: wait } : {}) };
}

/** Every pair in `want` is in `labels` (labels.SelectorFromSet(template labels).Matches). */
function hasAll(want: readonly [string, string][], labels: Readonly<Record<string, string>> | undefined): boolean {
  for (const [k, v] of want) if (labels?.[k] !== v) return false;
  return true;
}

/** True when writing `next` would change nothing that updateReplicaSetStatus compares. */
export function statusUnchanged(current: DeepReadonly<ReplicaSetStatus> | undefined, next: ReplicaSetStatus): boolean {
  const c = current ?? ({} as DeepReadonly<ReplicaSetStatus>);
  return (c.replicas ?? 0) === (next.replicas ?? 0)
    && (c.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0)
    && (c.readyReplicas ?? 0) === (next.readyReplicas ?? 0)
    && (c.availableReplicas ?? 0) === (next.availableReplicas ?? 0)
    && (c.observedGeneration ?? 0) === (next.observedGeneration ?? 0)
    && JSON.stringify(c.conditions ?? []) === JSON.stringify(next.conditions ?? []);
}
