/**
 * Which pods a ReplicaSet owns, adopts and releases, after Kubernetes' ClaimPods
 * (pkg/controller/controller_ref_manager.go): a pod whose controller reference is another
 * owner is never touched; ours and matching → claimed; ours and no longer matching →
 * released (unless the ReplicaSet is being deleted); an orphan that matches → adopted
 * (unless the ReplicaSet is being deleted). The patches carry the pod's uid, so a pod
 * deleted and re-created under the same name is not patched by mistake.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import type { LabelSelector, OwnerReference } from 'kubernetes-types/meta/v1.d.ts';
import { fromLabelSelector, matches, type Selector } from '../../api/selectors/labels.ts';
import { CONTROLLER_UID_INDEX, orphanIndexKey } from '../../client/cache.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import type { Lister } from '../../client/lister.ts';
import type { RPod } from './pod-util.ts';

export interface ClaimPlan { claimed: RPod[]; adopt: RPod[]; release: RPod[] }

/** The owner reference with controller: true (metav1.GetControllerOf); a plain loop, as it runs per pod per event. */
export function controllerOf(o: { metadata?: DeepReadonly<{ ownerReferences?: OwnerReference[] }> }): DeepReadonly<OwnerReference> | undefined {
  const refs = o.metadata?.ownerReferences;
  if (refs) for (const r of refs) if (r.controller) return r;
  return undefined;
}

/**
 * The pods a sync of `rs` claims from: those it controls and its namespace's orphans (which
 * planClaims adopts when they match), never those another controller owns. Two index
 * lookups: O(own pods + orphans), whatever else the namespace holds.
 */
export function podsToClaim(podLister: Pick<Lister<Pod>, 'byIndex'>, rs: DeepReadonly<ReplicaSet>): RPod[] {
  const uid = rs.metadata?.uid;
  const ns = rs.metadata?.namespace ?? '';
  // A reference across namespaces is not ownership (the owner of a namespaced object is in its namespace).
  const own = uid ? podLister.byIndex(CONTROLLER_UID_INDEX, uid).filter((p) => p.metadata?.namespace === ns) : [];
  const orphans = podLister.byIndex(CONTROLLER_UID_INDEX, orphanIndexKey(ns));
  return orphans.length ? own.concat(orphans) : own;
}

/** The reference the ReplicaSet puts on its pods (metav1.NewControllerRef). */
export function controllerRefFor(rs: DeepReadonly<ReplicaSet>): OwnerReference {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata!.name!, uid: rs.metadata!.uid!,
    controller: true, blockOwnerDeletion: true,
  };
}

/** The ReplicaSet's selector (metav1.LabelSelectorAsSelector); throws a 400 StatusError when invalid. */
export function selectorOf(rs: { spec?: DeepReadonly<{ selector?: LabelSelector }> }): Selector {
  // fromLabelSelector only reads its argument, so the frozen object can go in as is.
  return fromLabelSelector(rs.spec?.selector as LabelSelector | undefined);
}

export function planClaims(rs: DeepReadonly<ReplicaSet>, selector: Selector, pods: readonly RPod[]): ClaimPlan {
  const plan: ClaimPlan = { claimed: [], adopt: [], release: [] };
  const uid = rs.metadata?.uid;
  const deleting = !!rs.metadata?.deletionTimestamp;
  for (const p of pods) {
    const match = matches(selector, p.metadata?.labels as Record<string, string> | undefined);
    const ref = controllerOf(p);
    if (ref) {
      if (ref.uid !== uid) continue;
      if (match) plan.claimed.push(p);
      else if (!deleting) plan.release.push(p);
      continue;
    }
    if (deleting || !match || p.metadata?.deletionTimestamp || p.metadata?.namespace !== rs.metadata?.namespace) continue;
    plan.adopt.push(p);
  }
  return plan;
}

/** Strategic merge patch adding our controller reference (ownerReferences merge by uid). */
export function adoptPatch(rs: DeepReadonly<ReplicaSet>, podUid: string): unknown {
  return { metadata: { ownerReferences: [controllerRefFor(rs)], uid: podUid } };
}

/** Strategic merge patch removing our reference and keeping any others. */
export function releasePatch(rsUid: string, podUid: string): unknown {
  return { metadata: { ownerReferences: [{ $patch: 'delete', uid: rsUid }], uid: podUid } };
}
