/**
 * The controller's writes: scale a ReplicaSet (with its replicas annotations and the
 * ScalingReplicaSet event, sync.go scaleReplicaSet), write the deployment's status, and its
 * revision annotation (a separate metadata write, since a /status write keeps stored metadata).
 */
import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { jsonEqual } from '../../api/meta.ts';
import { DEPLOYMENTS, REPLICASETS } from '../../client/resources.ts';
import type { SyncState } from './deps.ts';
import { replicasAnnotationsNeedUpdate, setReplicasAnnotations } from './util/annotations.ts';
import { EVENT_SCALING, REVISION_ANNOTATION } from './util/constants.ts';
import { maxSurge, replicasOf } from './util/fenceposts.ts';
import { specReplicas } from './util/replica-sets.ts';

export const rsClient = (s: SyncState) => s.deps.client.resource<ReplicaSet>(REPLICASETS).namespace(s.d.metadata!.namespace!);
export const dClient = (s: SyncState) => s.deps.client.resource<Deployment>(DEPLOYMENTS).namespace(s.d.metadata!.namespace!);

/**
 * Sets the RS to `size` replicas and refreshes its desired/max annotations; answers the
 * RS as stored and whether the size changed. Records "Scaled up replica set X from A to B".
 */
export async function scaleReplicaSet(s: SyncState, rs: ReplicaSet, size: number, op?: 'up' | 'down' | ''): Promise<{ rs: ReplicaSet; scaled: boolean }> {
  const d = s.d;
  const desired = replicasOf(d);
  const max = desired + maxSurge(d);
  const from = specReplicas(rs);
  const sizeChanges = from !== size;
  if (!sizeChanges && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { rs, scaled: false };
  const copy = structuredClone(rs);
  copy.spec = { ...copy.spec!, replicas: size };
  setReplicasAnnotations(copy, desired, max);
  const stored = await rsClient(s).update(copy);
  if (sizeChanges) {
    const verb = op || (from < size ? 'up' : 'down');
    s.deps.recorder.event(d, 'Normal', EVENT_SCALING, `Scaled ${verb} replica set ${rs.metadata!.name} from ${from} to ${size}`);
  }
  return { rs: stored, scaled: sizeChanges };
}

/** Scales only when the size differs (scaleReplicaSetAndRecordEvent). */
export async function scaleIfNeeded(s: SyncState, rs: ReplicaSet, size: number): Promise<{ rs: ReplicaSet; scaled: boolean }> {
  if (specReplicas(rs) === size) return { rs, scaled: false };
  return scaleReplicaSet(s, rs, size);
}

/** Writes `status` unless it is what is stored; keeps `s.d` current. */
export async function writeStatus(s: SyncState, status: DeploymentStatus): Promise<void> {
  if (jsonEqual(s.d.status ?? {}, status)) return;
  const stored = await dClient(s).updateStatus({ ...s.d, status });
  s.d = { ...stored, kind: 'Deployment', apiVersion: 'apps/v1' };
}

/** Writes the deployment's revision annotation when it changed locally. */
export async function writeRevision(s: SyncState, revision: string): Promise<void> {
  const stored = await dClient(s).patch(s.d.metadata!.name!, 'application/merge-patch+json', { metadata: { annotations: { [REVISION_ANNOTATION]: revision } } });
  s.d = { ...s.d, metadata: stored.metadata };
}
