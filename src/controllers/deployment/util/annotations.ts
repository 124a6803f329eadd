/**
 * The annotations a deployment keeps on its ReplicaSets (deployment_util.go
 * SetNewReplicaSetAnnotations, SetReplicasAnnotations, ReplicasAnnotationsNeedUpdate,
 * IsSaturated). The setters change the object they are given
 * and answer whether they changed it.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import {
  DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, MAX_REV_HISTORY_LENGTH_IN_CHARS, NOT_COPIED_ANNOTATIONS,
  REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION,
} from './constants.ts';
import { maxSurge, replicasOf } from './fenceposts.ts';
import { specReplicas } from './replica-sets.ts';

const annotationsOf = (o: { metadata?: { annotations?: Record<string, string> } }) => ((o.metadata ??= {}).annotations ??= {});

/** Copies the deployment's own annotations (change-cause and the like) onto the RS. */
export function copyDeploymentAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  const a = annotationsOf(rs);
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (NOT_COPIED_ANNOTATIONS.has(k) || a[k] === v) continue;
    a[k] = v;
    changed = true;
  }
  return changed;
}

/** desired-replicas and max-replicas (spec.replicas + maxSurge), used for proportional scaling. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = annotationsOf(rs);
  let changed = false;
  if (a[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) { a[DESIRED_REPLICAS_ANNOTATION] = String(desired); changed = true; }
  if (a[MAX_REPLICAS_ANNOTATION] !== String(max)) { a[MAX_REPLICAS_ANNOTATION] = String(max); changed = true; }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata?.annotations ?? {};
  return a[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || a[MAX_REPLICAS_ANNOTATION] !== String(max);
}

export function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata?.annotations?.[key];
  if (v === undefined || !/^-?\d+$/.test(v)) return undefined;
  return Number(v);
}

/**
 * Gives the new RS `newRevision` when that is higher than its own. An RS that already had a
 * revision is coming back (`rollout undo`): its old number goes to revision-history,
 * oldest entries dropped to stay under MAX_REV_HISTORY_LENGTH_IN_CHARS. A RS about to be
 * created (`exists` false) also gets the replicas annotations.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const a = annotationsOf(rs);
  const had = a[REVISION_ANNOTATION];
  let oldRevision = 0;
  if (had !== undefined && had !== '') {
    if (!/^\d+$/.test(had)) return false; // unparseable: leave it alone, as Kubernetes does
    oldRevision = Number(had);
  }
  if (oldRevision < newRevision) {
    a[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (had !== undefined) {
      const history = a[REVISION_HISTORY_ANNOTATION] ?? '';
      if (!history) a[REVISION_HISTORY_ANNOTATION] = had;
      else {
        const parts = history.split(',');
        let total = history.length + had.length + 1;
        let start = 0;
        while (total > MAX_REV_HISTORY_LENGTH_IN_CHARS && start < parts.length) total -= parts[start++].length + 1;
        if (total <= MAX_REV_HISTORY_LENGTH_IN_CHARS) a[REVISION_HISTORY_ANNOTATION] = [...parts.slice(start), had].join(',');
      }
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

/** The RS has all the deployment's replicas, all available, and was sized for this spec.replicas. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
  if (desired === undefined) return false;
  const n = replicasOf(d);
  return specReplicas(rs) === n && desired === n && (rs.status?.availableReplicas ?? 0) === n;
}
