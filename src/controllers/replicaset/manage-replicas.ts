/**
 * Creates or deletes pods so a ReplicaSet has `spec.replicas` of them, after Kubernetes'
 * manageReplicas (pkg/controller/replicaset/replica_set.go) and RealPodControl
 * (pkg/controller/controller_utils.go): at most `burstReplicas` changes per sync, creates
 * in slow-start batches, expectations set before any write and lowered for writes that
 * will never be seen, one event per pod created or deleted.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.d.ts';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.d.ts';
import { isAlreadyExists, isNotFound, isStatusError } from '../../api/errors.ts';
import { matches } from '../../api/selectors/labels.ts';
import { CONTROLLER_UID_INDEX } from '../../client/cache.ts';
import type { Clock } from '../../client/clock.ts';
import type { EventRecorder } from '../../client/events.ts';
import { thaw, type DeepReadonly } from '../../client/freeze.ts';
import type { Lister } from '../../client/lister.ts';
import type { NameGenerator } from '../../client/names.ts';
import { PODS } from '../../client/resources.ts';
import type { Client } from '../../client/types.ts';
import { controllerOf, controllerRefFor, selectorOf } from './claim.ts';
import type { Expectations } from './expectations.ts';
import { podKey, type RPod } from './pod-util.ts';
import { getPodsToDelete } from './pods-to-delete.ts';
import { SLOW_START_INITIAL_BATCH, slowStartBatch } from './slow-start.ts';

/** kube-controller-manager's BurstReplicas. */
export const BURST_REPLICAS = 500;

export interface ManageDeps {
  client: Client;
  rsLister: Lister<ReplicaSet>;
  podLister: Lister<Pod>;
  expectations: Expectations;
  clock: Clock;
  names: NameGenerator;
  recorder: EventRecorder;
  burstReplicas?: number;
}

type RRS = DeepReadonly<ReplicaSet>;

/** What an event's involvedObject names (events.ts referenceTo), without copying the whole metadata. */
const asEventObject = (rs: RRS) => {
  const { name, namespace, uid, resourceVersion } = rs.metadata!;
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace, uid, resourceVersion } as ObjectMeta };
};

/** A create refused because the namespace is terminating: nothing to do, and not worth an event. */
export function isNamespaceTerminating(e: unknown): boolean {
  if (!isStatusError(e)) return false;
  return !!e.status.details?.causes?.some((c) => c.reason === 'NamespaceTerminating') || /because it is being terminated/.test(e.message);
}

/** The pod `rs` asks for (GetPodFromTemplate): the template's labels, annotations, finalizers and spec, owned by `rs`. */
export function podFromTemplate(rs: RRS, name: string): Pod {
  const t = thaw<PodTemplateSpec>(rs.spec!.template!);
  const m = t.metadata ?? {};
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, generateName: `${rs.metadata!.name}-`, namespace: rs.metadata!.namespace,
      ...(m.labels ? { labels: m.labels } : {}),
      ...(m.annotations ? { annotations: m.annotations } : {}),
      ...(m.finalizers ? { finalizers: m.finalizers } : {}),
      ownerReferences: [controllerRefFor(rs)],
    },
    spec: t.spec,
  };
}

/** Returns the error that stopped it (the sync reports it in status and retries), else undefined. */
export async function manageReplicas(d: ManageDeps, key: string, rs: RRS, pods: readonly RPod[]): Promise<Error | undefined> {
  const burst = d.burstReplicas ?? BURST_REPLICAS;
  const diff = pods.length - (rs.spec?.replicas ?? 1);
  if (diff < 0) return createPods(d, key, rs, Math.min(-diff, burst));
  if (diff > 0) return deletePods(d, key, rs, pods, Math.min(diff, burst));
  return undefined;
}

async function createPods(d: ManageDeps, key: string, rs: RRS, n: number): Promise<Error | undefined> {
  const ns = rs.metadata!.namespace!;
  const pods = d.client.resource<Pod>(PODS).namespace(ns);
  d.expectations.expectCreations(key, n);
  const { successes, error } = await slowStartBatch(n, SLOW_START_INITIAL_BATCH, async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        // The name is ours (not generateName), so the result is not needed: it stays on the API server's side.
        const pod = podFromTemplate(rs, d.names.generate(`${rs.metadata!.name}-`));
        await pods.create(pod, { discardResult: true });
        d.recorder.event(asEventObject(rs), 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata!.name}`);
        return;
      } catch (e) {
        // Our generated name was taken: draw another, as the API server does for generateName.
        if (isAlreadyExists(e) && attempt < 3) continue;
        if (isNamespaceTerminating(e)) return;
        d.recorder.event(asEventObject(rs), 'Warning', 'FailedCreate', `Error creating: ${(e as Error).message}`);
        throw e;
      }
    }
  });
  // Pods never attempted (or failed) will not be seen by the informer: stop waiting for them.
  for (let i = successes; i < n; i++) d.expectations.creationObserved(key);
  return error;
}

async function deletePods(d: ManageDeps, key: string, rs: RRS, pods: readonly RPod[], n: number): Promise<Error | undefined> {
  const victims = getPodsToDelete(pods, relatedPods(d, rs), n, d.clock.now().getTime());
  d.expectations.expectDeletions(key, victims.map(podKey));
  const client = d.client.resource<Pod>(PODS).namespace(rs.metadata!.namespace!);
  const errors: Error[] = [];
  await Promise.all(victims.map(async (p) => {
    try {
      await client.delete(p.metadata!.name!);
      d.recorder.event(asEventObject(rs), 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata!.name}`);
    } catch (e) {
      // The informer will not report a delete that did not happen.
      d.expectations.deletionObserved(key, podKey(p));
      if (isNotFound(e)) return;
      d.recorder.event(asEventObject(rs), 'Warning', 'FailedDelete', `Error deleting: ${(e as Error).message}`);
      errors.push(e as Error);
    }
  }));
  return errors[0];
}

/**
 * Pods of every ReplicaSet with the same controlling owner (a Deployment's old and new
 * ReplicaSets), for ranking by node (getIndirectlyRelatedPods). None when `rs` has no owner.
 */
export function relatedPods(d: Pick<ManageDeps, 'rsLister' | 'podLister'>, rs: RRS): RPod[] {
  const owner = controllerOf(rs);
  if (!owner?.uid) return [];
  const seen = new Set<string>();
  const out: RPod[] = [];
  for (const other of d.rsLister.byIndex(CONTROLLER_UID_INDEX, owner.uid)) {
    let sel;
    try { sel = selectorOf(other); } catch { continue; }
    for (const p of d.podLister.namespace(other.metadata!.namespace!).list()) {
      const uid = p.metadata?.uid ?? podKey(p);
      if (seen.has(uid) || !matches(sel, p.metadata?.labels as Record<string, string> | undefined)) continue;
      seen.add(uid);
      out.push(p);
    }
  }
  return out;
}
