/**
 * The status conditions a terminating namespace carries, with Kubernetes' types, reasons
 * and messages (pkg/controller/namespace/deletion/status_condition_utils.go). All five
 * are always present: a type with no problem shows its "ok" variant (status False).
 */
import type { NamespaceCondition } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';

/** What one pass over the namespace's content found. */
export interface ContentReport {
  /** Discovery failed (k8ts discovers from its own resource table, so normally unset). */
  discoveryError?: string;
  /** One message per resource whose content could not be deleted. */
  contentErrors: string[];
  /** `<resource>.<group>` (core group: `pods.`) → objects still there. */
  remaining: Record<string, number>;
  /** finalizer → objects it still holds. */
  finalizers: Record<string, number>;
}

type Wanted = Pick<NamespaceCondition, 'type' | 'status' | 'reason' | 'message'>;

const OK: [type: string, reason: string, message: string][] = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  ['NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentRemoved', 'All content successfully removed'],
];

const counted = (m: Record<string, number>, fmt: (k: string, n: number) => string) =>
  Object.entries(m).filter(([, n]) => n > 0).map(([k, n]) => fmt(k, n)).sort().join(', ');

/** The five conditions, in Kubernetes' order, for what a pass found. */
export function wantedConditions(r: ContentReport): Wanted[] {
  const bad: Record<string, Wanted> = {};
  if (r.discoveryError) bad.NamespaceDeletionDiscoveryFailure = { type: 'NamespaceDeletionDiscoveryFailure', status: 'True', reason: 'DiscoveryFailed', message: r.discoveryError };
  if (r.contentErrors.length) {
    bad.NamespaceDeletionContentFailure = {
      type: 'NamespaceDeletionContentFailure', status: 'True', reason: 'ContentDeletionFailed',
      message: `Failed to delete all resource types, ${r.contentErrors.length} remaining: ${[...r.contentErrors].sort().join(', ')}`,
    };
  }
  const remaining = counted(r.remaining, (k, n) => `${k} has ${n} resource instances`);
  if (remaining) bad.NamespaceContentRemaining = { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${remaining}` };
  const finalizers = counted(r.finalizers, (k, n) => `${k} in ${n} resource instances`);
  if (finalizers) bad.NamespaceFinalizersRemaining = { type: 'NamespaceFinalizersRemaining', status: 'True', reason: 'SomeFinalizerRemain', message: `Some finalizers are remaining: ${finalizers}` };
  return OK.map(([type, reason, message]) => bad[type] ?? { type, status: 'False', reason, message });
}

/**
 * Merges wanted conditions into the current ones: a new type is appended, a changed one
 * is rewritten in place (lastTransitionTime moves only when the status flips), others
 * are kept. `changed` says whether a status write is needed.
 */
export function mergeConditions(current: readonly DeepReadonly<NamespaceCondition>[] | undefined, wanted: Wanted[], now: string): { conditions: NamespaceCondition[]; changed: boolean } {
  const conditions: NamespaceCondition[] = (current ?? []).map((c) => ({ ...c }));
  let changed = false;
  for (const w of wanted) {
    const old = conditions.find((c) => c.type === w.type);
    if (!old) { conditions.push({ ...w, lastTransitionTime: now }); changed = true; continue; }
    if (old.status === w.status && old.reason === w.reason && old.message === w.message) continue;
    if (old.status !== w.status) old.lastTransitionTime = now;
    Object.assign(old, w);
    changed = true;
  }
  return { conditions, changed };
}
