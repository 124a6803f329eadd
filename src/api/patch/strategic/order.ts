/**
 * Element order of merged lists, as apimachinery's strategicpatch does it (patch.go:
 * normalizeElementOrder, mergeSortedSlice, validatePatchWithSetOrderList):
 * - elements the patch names come out in the patch's (or `$setElementOrder`'s) order;
 * - live-only elements keep their live order;
 * - the two runs interleave by live position: a live-only element goes before a patch
 *   element only when both are in the live list and it came first there. So an element
 *   new to the list lands before any live-only elements that follow it in the merge.
 */
import { isObject } from '../json-value.ts';
import { PATCH, patchError, show } from './directives.ts';

/** The identity of a list element: its merge key value, or the value itself for primitives. */
const identity = (item: unknown, mergeKey: string) => (mergeKey ? (isObject(item) ? item[mergeKey] : undefined) : item);

function indexIn(list: unknown[], item: unknown, mergeKey: string): number {
  const id = identity(item, mergeKey);
  return list.findIndex((x) => identity(x, mergeKey) === id);
}

/** Stable sort by position in `order`; items missing from it go last. */
function sortBy(items: unknown[], order: unknown[], mergeKey: string): unknown[] {
  const pos = (x: unknown) => { const i = indexIn(order, x, mergeKey); return i < 0 ? Number.MAX_SAFE_INTEGER : i; };
  return items.map((x, i) => ({ x, p: pos(x), i })).sort((a, b) => a.p - b.p || a.i - b.i).map((e) => e.x);
}

/**
 * Orders `merged` (the merged list): items present in `patchOrder` by it, the others by
 * `serverOrder` (the live list before merging), then interleaves the two runs.
 */
export function orderMerged(merged: unknown[], patchOrder: unknown[], serverOrder: unknown[], mergeKey: string): unknown[] {
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const x of merged) (indexIn(patchOrder, x, mergeKey) >= 0 ? inPatch : serverOnly).push(x);
  const right = sortBy(inPatch, patchOrder, mergeKey);
  const left = sortBy(serverOnly, serverOrder, mergeKey);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (j >= right.length) { out.push(left[i++]); continue; }
    if (i >= left.length) { out.push(right[j++]); continue; }
    const li = indexIn(serverOrder, left[i], mergeKey);
    const ri = indexIn(serverOrder, right[j], mergeKey);
    if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
    else out.push(right[j++]);
  }
  return out;
}

/**
 * Every element the patch list sets (not `$patch` ones) must appear in the
 * `$setElementOrder` list, in the same relative order.
 */
export function validateSetElementOrder(patchList: unknown[], order: unknown[], mergeKey: string, path: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  for (const o of order) {
    if (mergeKey && !(isObject(o) && Object.hasOwn(o, mergeKey))) {
      throw patchError(path, `$setElementOrder entry ${show(o)} has no merge key "${mergeKey}"`);
    }
  }
  const items = patchList.filter((x) => !(isObject(x) && Object.hasOwn(x, PATCH)));
  for (const x of items) {
    if (mergeKey && !(isObject(x) && Object.hasOwn(x, mergeKey))) throw patchError(path, `list element ${show(x)} has no merge key "${mergeKey}"`);
  }
  let p = 0;
  let s = 0;
  while (p < items.length && s < order.length) {
    if (identity(items[p], mergeKey) === identity(order[s], mergeKey)) p++;
    s++;
  }
  if (p < items.length) {
    throw patchError(path, `element ${show(items[p])} is missing from $setElementOrder or out of its order ${show(order)}`);
  }
}
