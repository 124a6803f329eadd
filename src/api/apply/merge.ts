/**
 * Merging an applied configuration into a live object, and pruning what an applier
 * stopped applying. Pure: inputs are never changed, results share no objects with them.
 *
 * Merge follows sigs.k8s.io/structured-merge-diff/v4 typed/merge.go: structs and maps merge
 * key by key, keyed lists by key (applied order first, live-only items kept after their live
 * predecessor), sets as sets, atomic lists and atomic structs are replaced. Pruning follows
 * merge/update.go (prune, addBackOwnedItems): remove what the applier owned last time and no
 * longer applies, unless someone (the applier's new config included) still owns it or
 * something below it.
 */
import type { FieldSchema } from '../patch/schema.ts';
import type { FieldSet } from './fieldset.ts';
import { fieldPE } from './path.ts';
import type { PathElement } from './path.ts';
import { fieldSchema, isObj, listItemPE, listKind, mapKeysOf } from './walk.ts';
import type { Obj } from './walk.ts';

export function merge(lhs: unknown, rhs: unknown, s: FieldSchema | undefined): unknown {
  if (rhs === undefined) return structuredClone(lhs);
  if (Array.isArray(lhs) && Array.isArray(rhs) && listKind(s) !== 'atomic') return mergeList(lhs, rhs, s);
  if (!isObj(lhs) || !isObj(rhs) || s?.atomic) return structuredClone(rhs);
  const out: Obj = structuredClone(lhs);
  for (const [k, v] of Object.entries(rhs)) {
    if (v === undefined) continue;
    // An explicit null in an applied config clears the field: typed Go objects drop it on save.
    if (v === null) delete out[k];
    else out[k] = merge(lhs[k], v, fieldSchema(s, k));
  }
  return out;
}

function mergeList(lhs: unknown[], rhs: unknown[], s: FieldSchema | undefined): unknown[] {
  const lpes = lhs.map((x, i) => listItemPE(s, x, i));
  const rpes = rhs.map((x, i) => listItemPE(s, x, i));
  const lByPE = new Map(lpes.map((pe, i) => [pe, lhs[i]]));
  const out: { pe: PathElement; v: unknown }[] = [];
  const seen = new Set<PathElement>();
  rpes.forEach((pe, i) => {
    if (seen.has(pe)) return;
    seen.add(pe);
    out.push({ pe, v: merge(lByPE.get(pe), rhs[i], s?.elem) });
  });
  // Live-only items stay after the live item they followed, so a re-apply keeps their place.
  lpes.forEach((pe, i) => {
    if (seen.has(pe)) return;
    seen.add(pe);
    const prev = i > 0 ? out.findIndex((o) => o.pe === lpes[i - 1]) : -1;
    out.splice(prev + 1, 0, { pe, v: structuredClone(lhs[i]) });
  });
  return out.map((o) => o.v);
}

/**
 * Removes from `v` every path in `remove` unless `keep` holds it or something below it.
 * Containers emptied by the removal disappear too, unless kept as such. Key fields of a
 * kept list item always stay: they name the item.
 */
export function prune(v: unknown, remove: FieldSet, keep: FieldSet | undefined, s: FieldSchema | undefined): unknown {
  if (Array.isArray(v)) {
    if (listKind(s) === 'atomic') return structuredClone(v);
    const out: unknown[] = [];
    v.forEach((item, i) => {
      const pe = listItemPE(s, item, i);
      const kept = pruneChild(item, pe, remove, keep, s?.elem, listKind(s) === 'map' ? mapKeysOf(s) : []);
      if (kept !== undefined) out.push(kept);
    });
    return out;
  }
  if (!isObj(v) || s?.atomic) return structuredClone(v);
  const out: Obj = {};
  for (const [k, child] of Object.entries(v)) {
    const kept = pruneChild(child, fieldPE(k), remove, keep, fieldSchema(s, k), []);
    if (kept !== undefined) out[k] = kept;
  }
  return out;
}

function pruneChild(
  child: unknown, pe: PathElement, remove: FieldSet, keep: FieldSet | undefined,
  s: FieldSchema | undefined, keyFields: string[],
): unknown {
  const keepBelow = keep?.children.get(pe);
  const kept = keep?.members.has(pe) || (keepBelow !== undefined && !keepBelow.isEmpty());
  if (remove.members.has(pe) && !kept) return undefined;
  const removeBelow = remove.children.get(pe);
  if (!removeBelow) return structuredClone(child);
  let rm = removeBelow;
  if (keyFields.length > 0) {
    rm = rm.clone();
    for (const k of keyFields) rm.members.delete(fieldPE(k));
  }
  const pruned = prune(child, rm, keepBelow, s);
  if (isEmptyContainer(pruned) && !isEmptyContainer(child) && !keep?.members.has(pe)) return undefined;
  return pruned;
}

const isEmptyContainer = (v: unknown) =>
  (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);
