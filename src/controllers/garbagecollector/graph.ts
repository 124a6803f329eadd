/**
 * The garbage collector's decisions, as pure functions over what the caches and live
 * lookups observed. The rules are Kubernetes' (pkg/controller/garbagecollector/
 * garbagecollector.go: attemptToDeleteItem, classifyReferences, processDeletingDependentsItem,
 * orphanDependents); the caller does the IO.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';

export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

export type Policy = 'Background' | 'Foreground' | 'Orphan';
export type Ref = DeepReadonly<OwnerReference>;

/** The metadata the decisions need. */
export interface Meta {
  uid?: string;
  deletionTimestamp?: string;
  finalizers?: readonly string[];
  ownerReferences?: readonly Ref[];
}

export const hasFinalizer = (m: Meta | undefined, f: string) => !!m?.finalizers?.includes(f);
export const isBeingDeleted = (m: Meta | undefined) => !!m?.deletionTimestamp;
/** Deleting with the foregroundDeletion finalizer: waits for its blocking dependents. */
export const isDeletingDependents = (m: Meta | undefined) => isBeingDeleted(m) && hasFinalizer(m, FINALIZER_FOREGROUND);

/** How an owner was found: gone (404 or another uid), alive, or alive and in foreground deletion. */
export type OwnerState = 'absent' | 'live' | 'deletingDependents';

export interface Classified { solid: Ref[]; dangling: Ref[]; waiting: Ref[] }

/**
 * Sorts an item's ownerReferences: dangling (the owner is gone), waiting (the owner is
 * being deleted in the foreground, so it waits for this item) and solid (any other).
 * An owner whose state is unknown (a kind k8ts does not serve) counts as solid: the
 * collector never deletes on a guess.
 */
export function classify(refs: readonly Ref[], stateOf: (r: Ref) => OwnerState | undefined): Classified {
  const out: Classified = { solid: [], dangling: [], waiting: [] };
  for (const r of refs) {
    const s = stateOf(r);
    if (s === 'absent') out.dangling.push(r);
    else if (s === 'deletingDependents') out.waiting.push(r);
    else out.solid.push(r);
  }
  return out;
}

export type ItemAction =
  | { type: 'none' }
  /** Some owners remain: only drop the references to owners that are gone or deleting. */
  | { type: 'removeRefs'; uids: string[] }
  /** `unblock`: first set blockOwnerDeletion=false on the refs to these owners (breaks a cycle). */
  | { type: 'delete'; policy: Policy; unblock: string[] };

/**
 * What to do with a live item (not being deleted) given its classified owners.
 * `dependents`: the item's own dependents' metadata.
 */
export function decideItem(item: Meta, c: Classified, dependents: readonly Meta[]): ItemAction {
  if (!c.solid.length && !c.dangling.length && !c.waiting.length) return { type: 'none' };
  if (c.solid.length) {
    const drop = [...c.dangling, ...c.waiting].map((r) => r.uid);
    return drop.length ? { type: 'removeRefs', uids: drop } : { type: 'none' };
  }
  if (c.waiting.length && dependents.length) {
    // An owner waits for us and we have dependents: delete in the foreground so the wait
    // covers them too. If one of them is itself deleting its dependents, there is a cycle;
    // unblock our refs to the waiting owners so they are not held forever.
    const cycle = dependents.some(isDeletingDependents);
    return { type: 'delete', policy: 'Foreground', unblock: cycle ? c.waiting.map((r) => r.uid) : [] };
  }
  return { type: 'delete', policy: policyFromFinalizers(item), unblock: [] };
}

/** The item's own finalizers carry a propagation it already asked for; otherwise Background. */
export function policyFromFinalizers(m: Meta): Policy {
  if (hasFinalizer(m, FINALIZER_ORPHAN)) return 'Orphan';
  if (hasFinalizer(m, FINALIZER_FOREGROUND)) return 'Foreground';
  return 'Background';
}

export type DeletingAction =
  | { type: 'skip' }
  /** Remove the owner's ref from these dependents, then the orphan finalizer from the owner. */
  | { type: 'orphan'; dependents: string[] }
  /** Blocking dependents remain: look at (delete) these dependents again. */
  | { type: 'wait'; enqueue: string[] }
  | { type: 'removeForegroundFinalizer' };

/**
 * What to do with an owner that has a deletionTimestamp. `dependents` are the objects
 * whose ownerReferences name `owner.uid`.
 */
export function decideDeleting(owner: Meta, dependents: readonly Meta[]): DeletingAction {
  if (hasFinalizer(owner, FINALIZER_ORPHAN)) return { type: 'orphan', dependents: dependents.map((d) => d.uid!) };
  if (!hasFinalizer(owner, FINALIZER_FOREGROUND)) return { type: 'skip' };
  const blocking = dependents.filter((d) => refTo(d, owner.uid)?.blockOwnerDeletion === true);
  if (!blocking.length) return { type: 'removeForegroundFinalizer' };
  return { type: 'wait', enqueue: dependents.filter((d) => !isDeletingDependents(d)).map((d) => d.uid!) };
}

export const refTo = (m: Meta, uid: string | undefined): Ref | undefined => m.ownerReferences?.find((r) => r.uid === uid);

/** ownerReferences without the given owners. */
export function withoutRefs(refs: readonly Ref[] | undefined, uids: readonly string[]): OwnerReference[] {
  return (refs ?? []).filter((r) => !uids.includes(r.uid)).map((r) => ({ ...r }));
}

/** ownerReferences with blockOwnerDeletion=false on the refs to the given owners. */
export function unblockRefs(refs: readonly Ref[] | undefined, uids: readonly string[]): OwnerReference[] {
  return (refs ?? []).map((r) => (uids.includes(r.uid) ? { ...r, blockOwnerDeletion: false } : { ...r }));
}
