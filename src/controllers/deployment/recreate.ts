/**
 * Recreate (recreate.go rolloutRecreate): scale every old RS to 0; wait until none of
 * their pods is left running (status.replicas 0 and no pod but Succeeded/Failed); only
 * then create or grow the new RS to spec.replicas.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { RPod } from '../replicaset/pod-util.ts';
import type { SyncState } from './deps.ts';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision } from './history.ts';
import { syncRolloutStatus } from './progress.ts';
import { replicasOf } from './util/fenceposts.ts';
import { actualReplicaCount, filterActive } from './util/replica-sets.ts';
import { deploymentComplete } from './util/status.ts';
import { scaleIfNeeded } from './writes.ts';

/** Old pods still running: any old RS reporting replicas, or any of their pods not finished. */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], podsByRS: ReadonlyMap<string, readonly RPod[]>): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  for (const [uid, pods] of podsByRS) {
    if (newRS && uid === newRS.metadata?.uid) continue;
    if (pods.some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')) return true;
  }
  return false;
}

export async function rolloutRecreate(s: SyncState, rsList: ReplicaSet[], podsByRS: ReadonlyMap<string, readonly RPod[]>): Promise<void> {
  let { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(s, rsList, false);
  let scaledDown = false;
  for (const rs of filterActive(oldRSs)) {
    const r = await scaleIfNeeded(s, rs, 0);
    Object.assign(rs, r.rs);
    scaledDown ||= r.scaled;
  }
  if (scaledDown || oldPodsRunning(newRS, oldRSs, podsByRS)) return syncRolloutStatus(s, [...oldRSs, ...(newRS ? [newRS] : [])], newRS);
  if (!newRS) ({ newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(s, rsList, true));
  const r = await scaleIfNeeded(s, newRS!, replicasOf(s.d));
  newRS = r.rs;
  if (deploymentComplete(s.d, s.d.status ?? {})) await cleanupDeployment(s, oldRSs);
  return syncRolloutStatus(s, [...oldRSs, newRS], newRS);
}
