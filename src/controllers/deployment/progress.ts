/**
 * Status writes and the Progressing condition (progress.go syncRolloutStatus,
 * requeueStuckDeployment; sync.go syncDeploymentStatus, checkPausedConditions).
 * Progressing moves through NewReplicaSetCreated/FoundNewReplicaSet → ReplicaSetUpdated
 * (lastUpdateTime refreshed on every sign of progress) → NewReplicaSetAvailable, or to
 * ProgressDeadlineExceeded when no progress was seen for progressDeadlineSeconds.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { SyncState } from './deps.ts';
import { REASON } from './util/constants.ts';
import {
  calculateStatus, deploymentComplete, deploymentProgressing, deploymentTimedOut, getCondition, hasProgressDeadline,
  newCondition, removeCondition, setCondition,
} from './util/status.ts';
import { writeStatus } from './writes.ts';

/** Status only, conditions other than Available untouched (scaling and paused deployments). */
export async function syncDeploymentStatus(s: SyncState, allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): Promise<void> {
  await writeStatus(s, calculateStatus(allRSs, newRS, s.d, s.deps.clock.now()));
}

export async function syncRolloutStatus(s: SyncState, allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): Promise<void> {
  const d = s.d;
  const now = s.deps.clock.now();
  const status = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const cur = getCondition(d.status, 'Progressing');
  const complete = status.replicas === status.updatedReplicas && cur?.reason === REASON.NewRSAvailable;
  if (hasProgressDeadline(d) && !complete) {
    const subject = newRS ? `ReplicaSet "${newRS.metadata!.name}"` : `Deployment "${d.metadata!.name}"`;
    if (deploymentComplete(d, status)) {
      setCondition(status, newCondition('Progressing', 'True', REASON.NewRSAvailable, `${subject} has successfully progressed.`, now));
    } else if (deploymentProgressing(d, status)) {
      // Same reason again must still refresh lastUpdateTime: replace rather than set.
      const c = newCondition('Progressing', 'True', REASON.RSUpdated, `${subject} is progressing.`, now);
      if (cur) {
        if (cur.status === 'True') c.lastTransitionTime = cur.lastTransitionTime;
        removeCondition(status, 'Progressing');
      }
      setCondition(status, c);
    } else if (deploymentTimedOut(d, status, now)) {
      setCondition(status, newCondition('Progressing', 'False', REASON.TimedOut, `${subject} has timed out progressing.`, now));
    }
  }
  removeCondition(status, 'ReplicaFailure');
  if (!status.conditions?.length) delete status.conditions;
  const before = JSON.stringify(s.d.status ?? {});
  await writeStatus(s, status);
  if (JSON.stringify(s.d.status ?? {}) === before) requeueStuck(s, status);
}

/**
 * Nothing changed: if the rollout is neither done nor timed out, look again when the
 * deadline passes (kubernetes issue 34458), since no event may come before then.
 */
function requeueStuck(s: SyncState, status: ReturnType<typeof calculateStatus>): void {
  const d = s.d;
  const cur = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !cur) return;
  if (deploymentComplete(d, status) || cur.reason === REASON.TimedOut) return;
  const after = Date.parse(cur.lastUpdateTime ?? '') + d.spec!.progressDeadlineSeconds! * 1000 - s.deps.clock.now().getTime();
  s.requeueAfter = after < 1000 ? 1 : after + 1000;
}

/** Paused ⇄ resumed shows in Progressing (Unknown), except after a timeout. */
export async function checkPausedConditions(s: SyncState): Promise<void> {
  const d = s.d;
  if (!hasProgressDeadline(d)) return;
  const cur = getCondition(d.status, 'Progressing');
  if (cur?.reason === REASON.TimedOut) return;
  const pausedShown = cur?.reason === REASON.Paused;
  const status = structuredClone(d.status ?? {});
  const now = s.deps.clock.now();
  if (d.spec?.paused && !pausedShown) {
    setCondition(status, newCondition('Progressing', 'Unknown', REASON.Paused, 'Deployment is paused', now));
  } else if (!d.spec?.paused && pausedShown) {
    setCondition(status, newCondition('Progressing', 'Unknown', REASON.Resumed, 'Deployment is resumed', now));
  } else return;
  await writeStatus(s, status);
}
