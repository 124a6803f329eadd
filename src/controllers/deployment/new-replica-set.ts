/**
 * Finding or creating the deployment's new ReplicaSet (sync.go getNewReplicaSet):
 * - found: bring its annotations up to date (revision max+1 when it comes back from the
 *   past, change-cause) and minReadySeconds, then copy its revision onto the deployment;
 * - missing: create `<name>-<pod-template-hash>` at the size one rollout step allows.
 *   AlreadyExists with our template is a stale cache; with another template it is a hash
 *   collision: status.collisionCount goes up and the next sync tries another name.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { isAlreadyExists } from '../../api/errors.ts';
import type { SyncState } from './deps.ts';
import { computeHash } from './hash.ts';
import { setNewReplicaSetAnnotations } from './util/annotations.ts';
import { EVENT_SCALING, POD_TEMPLATE_HASH_LABEL, REASON, REVISION_ANNOTATION } from './util/constants.ts';
import { equalIgnoreHash, findNewReplicaSet, maxRevision } from './util/replica-sets.ts';
import { newRSNewReplicas } from './util/scaling.ts';
import { getCondition, hasProgressDeadline, newCondition, setCondition } from './util/status.ts';
import { rsClient, writeRevision, writeStatus } from './writes.ts';
import { controllerOf } from '../replicaset/claim.ts';

export function controllerRef(d: Deployment) {
  return { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata!.name!, uid: d.metadata!.uid!, controller: true, blockOwnerDeletion: true };
}

/** The RS object a deployment's current template calls for (not yet sized). */
export function newReplicaSetFor(d: Deployment): ReplicaSet {
  const hash = computeHash(d.spec!.template, d.status?.collisionCount);
  const template = structuredClone(d.spec!.template);
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash } };
  const selector = structuredClone(d.spec!.selector);
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name: `${d.metadata!.name}-${hash}`, namespace: d.metadata!.namespace, ownerReferences: [controllerRef(d)], labels: { ...template.metadata.labels } },
    spec: { replicas: 0, minReadySeconds: d.spec!.minReadySeconds ?? 0, selector, template },
  };
}

async function syncExisting(s: SyncState, existing: ReplicaSet, newRevision: number): Promise<ReplicaSet> {
  let rs = existing;
  const copy = structuredClone(existing);
  const annotationsChanged = setNewReplicaSetAnnotations(s.d, copy, newRevision, true);
  const minReady = s.d.spec?.minReadySeconds ?? 0;
  if (annotationsChanged || (copy.spec?.minReadySeconds ?? 0) !== minReady) {
    copy.spec!.minReadySeconds = minReady;
    // Update the listed object in place: later steps of this sync must not write a stale copy.
    rs = Object.assign(existing, await rsClient(s).update(copy));
  }
  const revision = rs.metadata?.annotations?.[REVISION_ANNOTATION] ?? '';
  if (s.d.metadata?.annotations?.[REVISION_ANNOTATION] !== revision) await writeRevision(s, revision);
  if (hasProgressDeadline(s.d) && !getCondition(s.d.status, 'Progressing')) {
    const status = structuredClone(s.d.status ?? {});
    setCondition(status, newCondition('Progressing', 'True', REASON.FoundNewRS, `Found new replica set "${rs.metadata!.name}"`, s.deps.clock.now()));
    await writeStatus(s, status);
  }
  return rs;
}

/**
 * The new RS, created if `create` and missing; `allOld` are every other RS. Throws on a
 * hash collision (after raising collisionCount) so the sync is retried.
 */
export async function getNewReplicaSet(s: SyncState, rsList: ReplicaSet[], allOld: ReplicaSet[], create: boolean): Promise<ReplicaSet | undefined> {
  const d = s.d;
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = maxRevision(allOld) + 1;
  if (existing) return syncExisting(s, existing, newRevision);
  if (!create) return undefined;

  const rs = newReplicaSetFor(d);
  rs.spec!.replicas = newRSNewReplicas(d, [...allOld, rs], rs);
  setNewReplicaSetAnnotations(d, rs, newRevision, false);
  let created: ReplicaSet;
  let alreadyExisted = false;
  try {
    created = await rsClient(s).create(rs);
  } catch (e) {
    if (!isAlreadyExists(e)) {
      const msg = `Failed to create new replica set "${rs.metadata!.name}": ${(e as Error).message}`;
      if (hasProgressDeadline(d)) {
        const status = structuredClone(d.status ?? {});
        setCondition(status, newCondition('Progressing', 'False', REASON.FailedRSCreate, msg, s.deps.clock.now()));
        await writeStatus(s, status).catch(() => {});
      }
      s.deps.recorder.event(d, 'Warning', REASON.FailedRSCreate, msg);
      throw e;
    }
    const other = await rsClient(s).get(rs.metadata!.name!);
    if (controllerOf(other)?.uid !== d.metadata!.uid || !equalIgnoreHash(d.spec!.template, other.spec?.template)) {
      const status = structuredClone(d.status ?? {});
      status.collisionCount = (status.collisionCount ?? 0) + 1;
      await writeStatus(s, status);
      throw new Error(`hash collision for replica set "${rs.metadata!.name}": collisionCount now ${status.collisionCount}`);
    }
    created = other;
    alreadyExisted = true;
  }
  const size = created.spec?.replicas ?? 0;
  if (!alreadyExisted && size > 0) {
    s.deps.recorder.event(d, 'Normal', EVENT_SCALING, `Scaled up replica set ${created.metadata!.name} from 0 to ${size}`);
  }
  const revision = String(newRevision);
  if (s.d.metadata?.annotations?.[REVISION_ANNOTATION] !== revision) await writeRevision(s, revision);
  if (!alreadyExisted && hasProgressDeadline(s.d)) {
    const status = structuredClone(s.d.status ?? {});
    setCondition(status, newCondition('Progressing', 'True', REASON.NewReplicaSet, `Created new replica set "${created.metadata!.name}"`, s.deps.clock.now()));
    await writeStatus(s, status);
  }
  return created;
}
