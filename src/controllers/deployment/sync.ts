/**
 * One sync of one deployment (deployment_controller.go syncDeployment): read it from the
 * cache, claim its ReplicaSets, then exactly one of
 * - being deleted → status only;
 * - paused, or spec.replicas changed (a scaling event) → scale (sync.go sync);
 * - otherwise one rollout step of its strategy.
 * Returns a requeue delay when the progress deadline needs a later look.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { splitKey } from '../../client/cache.ts';
import { thaw } from '../../client/freeze.ts';
import type { ReconcileResult } from '../../client/controller-runtime.ts';
import { claimReplicaSets, podsByReplicaSet } from './claim.ts';
import type { Deps, SyncState } from './deps.ts';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision } from './history.ts';
import { checkPausedConditions, syncDeploymentStatus } from './progress.ts';
import { rolloutRecreate } from './recreate.ts';
import { rolloutRolling } from './rolling.ts';
import { intAnnotation, isSaturated } from './util/annotations.ts';
import { DESIRED_REPLICAS_ANNOTATION, EVENT_SELECTING_ALL } from './util/constants.ts';
import { isRollingUpdate, replicasOf } from './util/fenceposts.ts';
import { filterActive, findActiveOrLatest, specReplicas } from './util/replica-sets.ts';
import { proportionalSizes } from './util/scaling.ts';
import { scaleIfNeeded, scaleReplicaSet, writeStatus } from './writes.ts';

export async function syncDeployment(deps: Deps, key: string): Promise<ReconcileResult> {
  const { namespace, name } = splitKey(key);
  const cached = deps.deployments.namespace(namespace ?? '').get(name);
  if (!cached) return {};
  const s: SyncState = { deps, d: { ...thaw<Deployment>(cached), kind: 'Deployment', apiVersion: 'apps/v1' } };
  const d = s.d;
  const sel = d.spec?.selector;
  if (!sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length)) {
    deps.recorder.event(d, 'Warning', EVENT_SELECTING_ALL, 'This deployment is selecting all pods. A non-empty selector is required.');
    if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
      await writeStatus(s, { ...d.status, observedGeneration: d.metadata?.generation });
    }
    return {};
  }
  const rsList = await claimReplicaSets(s);
  if (d.metadata?.deletionTimestamp) {
    const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(s, rsList, false);
    await syncDeploymentStatus(s, [...oldRSs, ...(newRS ? [newRS] : [])], newRS);
    return {};
  }
  await checkPausedConditions(s);
  if (s.d.spec?.paused || await isScalingEvent(s, rsList)) await scaleAndSync(s, rsList);
  else if (isRollingUpdate(s.d)) await rolloutRolling(s, rsList);
  else await rolloutRecreate(s, rsList, podsByReplicaSet(s, rsList));
  return s.requeueAfter !== undefined ? { requeueAfter: s.requeueAfter } : {};
}

/** An active RS sized for a different spec.replicas than the deployment's now (isScalingEvent). */
async function isScalingEvent(s: SyncState, rsList: ReplicaSet[]): Promise<boolean> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(s, rsList, false);
  return filterActive([...oldRSs, newRS]).some((rs) => {
    const desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
    return desired !== undefined && desired !== replicasOf(s.d);
  });
}

/** sync.go sync: scale without rolling out, then (paused) apply history, then status. */
async function scaleAndSync(s: SyncState, rsList: ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(s, rsList, false);
  await scale(s, newRS, oldRSs);
  if (s.d.spec?.paused) await cleanupDeployment(s, oldRSs);
  await syncDeploymentStatus(s, [...oldRSs, ...(newRS ? [newRS] : [])], newRS);
}

/**
 * sync.go scale: one active RS (or none) takes spec.replicas; a saturated new RS means the
 * old ones go to 0; otherwise, in a rolling update, every active RS scales by its share.
 */
async function scale(s: SyncState, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): Promise<void> {
  const n = replicasOf(s.d);
  const one = findActiveOrLatest(newRS, oldRSs);
  if (one) {
    if (specReplicas(one) !== n) Object.assign(one, (await scaleIfNeeded(s, one, n)).rs);
    return;
  }
  if (isSaturated(s.d, newRS)) {
    for (const rs of filterActive(oldRSs)) Object.assign(rs, (await scaleIfNeeded(s, rs, 0)).rs);
    return;
  }
  if (!isRollingUpdate(s.d)) return;
  const all = filterActive([...oldRSs, newRS]);
  const { sizes, op } = proportionalSizes(s.d, all);
  for (const rs of all) Object.assign(rs, (await scaleReplicaSet(s, rs, sizes.get(rs.metadata!.name!)!, op)).rs);
}
