/**
 * One reconcile of one ReplicaSet, after Kubernetes' syncReplicaSet
 * (pkg/controller/replicaset/replica_set.go):
 *
 * 1. Gone from the cache → forget its expectations, done.
 * 2. Take its active pods and its namespace's active orphans (by index); claim them (adopt matching orphans, release
 *    ours that stopped matching).
 * 3. If expectations are met and it is not being deleted, create or delete pods.
 * 4. Always compute status and write it when it changed; requeue when a ready pod will
 *    become available (minReadySeconds).
 * A create or delete error is returned after the status is written, so the key is retried
 * with back-off and the ReplicaFailure condition shows it.
 */
import type { ReplicaSet, ReplicaSetStatus } from 'kubernetes-types/apps/v1.d.ts';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { isInvalid, isNotFound } from '../../api/errors.ts';
import type { Selector } from '../../api/selectors/labels.ts';
import { splitKey } from '../../client/cache.ts';
import type { ReconcileResult } from '../../client/controller-runtime.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { PODS, REPLICASETS } from '../../client/resources.ts';
import { adoptPatch, planClaims, podsToClaim, releasePatch, selectorOf } from './claim.ts';
import { manageReplicas, type ManageDeps } from './manage-replicas.ts';
import { isPodActive, type RPod } from './pod-util.ts';
import { calculateStatus, statusUnchanged } from './status.ts';

export interface SyncDeps extends ManageDeps {
  log?: (line: string) => void;
}

type RRS = DeepReadonly<ReplicaSet>;
const SMP = 'application/strategic-merge-patch+json';

export async function syncReplicaSet(d: SyncDeps, key: string): Promise<ReconcileResult> {
  const { namespace = '', name } = splitKey(key);
  const rs = d.rsLister.namespace(namespace).get(name);
  if (!rs) { d.expectations.delete(key); return; }
  const needsSync = d.expectations.satisfied(key);
  let selector: Selector;
  try {
    selector = selectorOf(rs);
  } catch (e) {
    // An invalid selector will not fix itself: retrying is pointless (upstream drops it too).
    d.log?.(`replicaset ${key}: invalid selector: ${(e as Error).message}`);
    return;
  }
  const active = podsToClaim(d.podLister, rs).filter(isPodActive);
  const pods = await claimPods(d, rs, selector, active);
  let manageError: Error | undefined;
  if (needsSync && !rs.metadata?.deletionTimestamp) manageError = await manageReplicas(d, key, rs, pods);
  const now = d.clock.now().getTime();
  const { status, requeueAfter } = calculateStatus(rs, pods, manageError, now);
  await updateStatus(d, rs, status);
  if (manageError) throw manageError;
  return requeueAfter !== undefined ? { requeueAfter } : undefined;
}

/** Our pods after adopting and releasing; throws the first failed patch (the sync is retried). */
async function claimPods(d: SyncDeps, rs: RRS, selector: Selector, active: RPod[]): Promise<RPod[]> {
  const plan = planClaims(rs, selector, active);
  const pods = d.client.resource<Pod>(PODS).namespace(rs.metadata!.namespace!);
  const claimed = [...plan.claimed];
  const errors: Error[] = [];
  let adoptable: Promise<void> | undefined;
  for (const p of plan.adopt) {
    try {
      await (adoptable ??= canAdopt(d, rs));
      await pods.patch(p.metadata!.name!, SMP, adoptPatch(rs, p.metadata!.uid!));
      claimed.push(p);
    } catch (e) {
      if (!isNotFound(e)) errors.push(e as Error);
    }
  }
  for (const p of plan.release) {
    try {
      await pods.patch(p.metadata!.name!, SMP, releasePatch(rs.metadata!.uid!, p.metadata!.uid!));
    } catch (e) {
      // Gone, or re-created under the same name (uid mismatch → Invalid): nothing to release.
      if (!isNotFound(e) && !isInvalid(e)) errors.push(e as Error);
    }
  }
  if (errors.length) throw errors[0];
  return claimed;
}

/** Adopt only if the ReplicaSet, read fresh from the server, is still this one and not being deleted (RecheckDeletionTimestamp). */
async function canAdopt(d: SyncDeps, rs: RRS): Promise<void> {
  const { namespace, name, uid } = rs.metadata!;
  const fresh = await d.client.resource<ReplicaSet>(REPLICASETS).namespace(namespace!).get(name!);
  if (fresh.metadata?.uid !== uid) throw new Error(`original ReplicaSet ${namespace}/${name} is gone: got uid ${fresh.metadata?.uid}, wanted ${uid}`);
  if (fresh.metadata?.deletionTimestamp) throw new Error(`${namespace}/${name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
}

/** Writes `status` unless nothing changed; on failure re-reads once and tries again (statusUpdateRetries = 1). */
async function updateStatus(d: SyncDeps, rs: RRS, status: ReplicaSetStatus): Promise<void> {
  const client = d.client.resource<ReplicaSet>(REPLICASETS).namespace(rs.metadata!.namespace!);
  // The cached object is only read and spread here: the client copies (or serialises) the body it sends.
  let current: RRS | ReplicaSet = rs;
  for (let attempt = 0; ; attempt++) {
    const next = { ...status, observedGeneration: current.metadata?.generation };
    if (statusUnchanged(current.status, next)) return;
    try {
      await client.updateStatus({ ...(current as ReplicaSet), status: next });
      return;
    } catch (e) {
      if (attempt >= 1) throw e;
      current = await client.get(rs.metadata!.name!);
    }
  }
}
