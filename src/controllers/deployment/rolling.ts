/**
 * RollingUpdate, one step per sync (rolling.go rolloutRolling): grow the new RS as far as
 * maxSurge allows; if it did not grow, shrink old RSes as far as maxUnavailable allows
 * (their unavailable replicas first); when neither moves and the rollout is complete,
 * apply the history limit. Every sync ends by writing status.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { SyncState } from './deps.ts';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision } from './history.ts';
import { syncRolloutStatus } from './progress.ts';
import { replicasOf } from './util/fenceposts.ts';
import { filterActive, replicaCount, specReplicas } from './util/replica-sets.ts';
import { cleanupUnhealthy, maxScaledDown, newRSNewReplicas, scaleDownForRollingUpdate } from './util/scaling.ts';
import { deploymentComplete } from './util/status.ts';
import { scaleIfNeeded } from './writes.ts';

export async function rolloutRolling(s: SyncState, rsList: ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(s, rsList, true);
  const all = [...oldRSs, newRS!];
  if (await reconcileNewReplicaSet(s, all, newRS!)) return syncRolloutStatus(s, all, newRS);
  if (await reconcileOldReplicaSets(s, all, filterActive(oldRSs), newRS!)) return syncRolloutStatus(s, all, newRS);
  if (deploymentComplete(s.d, s.d.status ?? {})) await cleanupDeployment(s, oldRSs);
  return syncRolloutStatus(s, all, newRS);
}

async function reconcileNewReplicaSet(s: SyncState, all: ReplicaSet[], newRS: ReplicaSet): Promise<boolean> {
  const want = replicasOf(s.d);
  if (specReplicas(newRS) === want) return false;
  const size = specReplicas(newRS) > want ? want : newRSNewReplicas(s.d, all, newRS);
  const r = await scaleIfNeeded(s, newRS, size);
  Object.assign(newRS, r.rs);
  return r.scaled;
}

/** Writes update the RS objects in place (they are our copies), so `all` stays current. */
async function reconcileOldReplicaSets(s: SyncState, all: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet): Promise<boolean> {
  if (replicaCount(oldRSs) === 0) return false;
  const limit = maxScaledDown(s.d, all, newRS);
  if (limit <= 0) return false;
  let scaled = false;
  const apply = async (sizes: Map<string, number>) => {
    for (const rs of oldRSs) {
      const size = sizes.get(rs.metadata!.name!);
      if (size === undefined) continue;
      const r = await scaleIfNeeded(s, rs, size);
      Object.assign(rs, r.rs);
      scaled ||= r.scaled;
    }
  };
  await apply(cleanupUnhealthy(oldRSs, limit));
  await apply(scaleDownForRollingUpdate(s.d, [...oldRSs, newRS], oldRSs));
  return scaled;
}
