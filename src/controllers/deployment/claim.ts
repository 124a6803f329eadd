/**
 * Which ReplicaSets belong to a deployment (controller_ref_manager.go ClaimReplicaSets):
 * ours and matching → kept; ours but no longer matching → released (our ownerReference
 * removed); orphans that match → adopted (our controller reference added), unless either
 * side is being deleted. Someone else's → ignored. Also the pods of those ReplicaSets, by
 * RS uid, which Recreate needs.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { isNotFound } from '../../api/errors.ts';
import { fromLabelSelector, matches } from '../../api/selectors/labels.ts';
import { CONTROLLER_UID_INDEX, orphanIndexKey } from '../../client/cache.ts';
import { thaw } from '../../client/freeze.ts';
import type { RPod } from '../replicaset/pod-util.ts';
import type { SyncState } from './deps.ts';
import { controllerRef } from './new-replica-set.ts';
import { controllerOf } from '../replicaset/claim.ts';
import { dClient, rsClient } from './writes.ts';

export async function claimReplicaSets(s: SyncState): Promise<ReplicaSet[]> {
  const d = s.d;
  const uid = d.metadata!.uid!;
  const sel = fromLabelSelector(d.spec!.selector);
  const deleting = !!d.metadata?.deletionTimestamp;
  let canAdopt: boolean | undefined;
  const out: ReplicaSet[] = [];
  // Ours and the namespace's orphans, by index: the sets other deployments control are never read.
  const ns = d.metadata!.namespace!;
  const candidates = [...s.deps.replicaSets.byIndex(CONTROLLER_UID_INDEX, uid), ...s.deps.replicaSets.byIndex(CONTROLLER_UID_INDEX, orphanIndexKey(ns))];
  for (const cached of candidates) {
    // Decide on the cached object and copy only the ReplicaSets kept or changed.
    if (cached.metadata?.namespace !== ns) continue;
    const ref = controllerOf(cached);
    if (ref && ref.uid !== uid) continue;
    const match = matches(sel, cached.metadata?.labels);
    if (ref) {
      if (match) { out.push(thaw<ReplicaSet>(cached)); continue; }
      if (deleting) continue;
      const rs = thaw<ReplicaSet>(cached);
      rs.metadata!.ownerReferences = rs.metadata!.ownerReferences!.filter((r) => r.uid !== uid);
      await rsClient(s).update(rs).catch((e) => { if (!isNotFound(e)) throw e; });
      continue;
    }
    if (deleting || !match || cached.metadata?.deletionTimestamp) continue;
    // Re-read the deployment once before adopting: the cache may not show it being deleted.
    canAdopt ??= await dClient(s).get(d.metadata!.name!).then((fresh) => fresh.metadata?.uid === uid && !fresh.metadata?.deletionTimestamp, () => false);
    if (!canAdopt) continue;
    const rs = thaw<ReplicaSet>(cached);
    rs.metadata!.ownerReferences = [...(rs.metadata!.ownerReferences ?? []), controllerRef(d)];
    try {
      out.push(await rsClient(s).update(rs));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
  return out;
}

/**
 * Pods selected by the deployment, grouped by the uid of the claimed RS controlling them: each
 * RS's pods by index (getPodMapForDeployment), not the namespace's. The cached objects
 * themselves, read only (Recreate looks at their phase).
 */
export function podsByReplicaSet(s: SyncState, rss: readonly ReplicaSet[]): Map<string, RPod[]> {
  const sel = fromLabelSelector(s.d.spec!.selector);
  const ns = s.d.metadata!.namespace!;
  const m = new Map<string, RPod[]>();
  for (const rs of rss) {
    const uid = rs.metadata!.uid!;
    m.set(uid, s.deps.pods.byIndex(CONTROLLER_UID_INDEX, uid)
      .filter((p) => p.metadata?.namespace === ns && matches(sel, p.metadata?.labels as Record<string, string> | undefined)));
  }
  return m;
}
