/**
 * Revisions and history: split the deployment's ReplicaSets into new and old, syncing the
 * revision annotations (getAllReplicaSetsAndSyncRevision), and delete the oldest empty
 * ReplicaSets beyond spec.revisionHistoryLimit (sync.go cleanupDeployment).
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { isNotFound } from '../../api/errors.ts';
import type { SyncState } from './deps.ts';
import { getNewReplicaSet } from './new-replica-set.ts';
import { byRevision, findOldReplicaSets, specReplicas } from './util/replica-sets.ts';
import { rsClient } from './writes.ts';

export async function getAllReplicaSetsAndSyncRevision(s: SyncState, rsList: ReplicaSet[], create: boolean): Promise<{ newRS?: ReplicaSet; oldRSs: ReplicaSet[] }> {
  const { allOld } = findOldReplicaSets(s.d, rsList);
  const newRS = await getNewReplicaSet(s, rsList, allOld, create);
  return { newRS, oldRSs: allOld };
}

/** Old ReplicaSets the history limit lets go: oldest revisions first, only empty and settled ones. */
export function replicaSetsToDelete(oldRSs: ReplicaSet[], limit: number | undefined): ReplicaSet[] {
  if (limit === undefined || limit === null) return [];
  const alive = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp);
  const diff = alive.length - limit;
  if (diff <= 0) return [];
  return alive.sort(byRevision).slice(0, diff).filter((rs) =>
    (rs.status?.replicas ?? 0) === 0 && specReplicas(rs) === 0 &&
    (rs.metadata?.generation ?? 0) <= (rs.status?.observedGeneration ?? 0));
}

export async function cleanupDeployment(s: SyncState, oldRSs: ReplicaSet[]): Promise<void> {
  for (const rs of replicaSetsToDelete(oldRSs, s.d.spec?.revisionHistoryLimit)) {
    try {
      await rsClient(s).delete(rs.metadata!.name!);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}
