/**
 * Moving ownership after a write, shared by apply and update. Follows
 * sigs.k8s.io/structured-merge-diff/v4 merge/update.go (Updater.update): every other manager
 * that owns a field the write added or changed is in conflict (an update always wins, an
 * apply wins only when forced) and loses it; everyone loses the fields the write removed.
 */
import type { FieldSet } from './fieldset.ts';
import { capManagers, ownsAny, ownsNothing, STRIPPED } from './managed-fields.ts';
import type { ManagerEntry, Managers } from './managed-fields.ts';
import type { Comparison } from './compare.ts';

export interface OwnerConflict { entry: ManagerEntry; set: FieldSet }

/** Other managers' claims on what the write added or changed (`self` excluded). */
export function findConflicts(managers: Managers, cmp: Comparison, self: string): OwnerConflict[] {
  const changed = cmp.modified.union(cmp.added);
  const out: OwnerConflict[] = [];
  for (const [id, entry] of [...managers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (id === self) continue;
    const set = entry.set.intersection(changed);
    if (!set.isEmpty()) out.push({ entry, set });
  }
  return out;
}

/** Takes the conflicting fields away from their owners and the removed fields from everyone but `self`. */
export function settleOwnership(managers: Managers, cmp: Comparison, self: string): Managers {
  const changed = cmp.modified.union(cmp.added);
  const out: Managers = new Map();
  for (const [id, e] of managers) {
    // An entry that loses nothing stays the same object (encodeManagedFields reuses its stored form).
    const loses = id !== self && (ownsAny(e, changed) || ownsAny(e, cmp.removed));
    out.set(id, loses ? { ...e, set: e.set.difference(changed).difference(cmp.removed) } : e);
  }
  return out;
}

/** Never-owned metadata stripped, empty managers dropped, Update managers capped. */
export function tidy(managers: Managers): Managers {
  const out: Managers = new Map();
  for (const [id, e] of managers) {
    if (!ownsAny(e, STRIPPED)) {
      if (!ownsNothing(e)) out.set(id, e);
      continue;
    }
    const set = e.set.difference(STRIPPED);
    if (!set.isEmpty()) out.set(id, { ...e, set });
  }
  return capManagers(out);
}

/** The comparison without the fields this endpoint does not write. */
export function withoutIgnored(c: Comparison, ignored: FieldSet): Comparison {
  return {
    added: c.added.recursiveDifference(ignored),
    removed: c.removed.recursiveDifference(ignored),
    modified: c.modified.recursiveDifference(ignored),
  };
}
