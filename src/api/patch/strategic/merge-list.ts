/**
 * Merging a patch list into a live list by the list's strategy in the schema:
 * - 'map' (patchStrategy merge + patchMergeKey): elements match by merge key and merge;
 *   `{"$patch":"delete", key: v}` removes every live element with that key;
 *   `{"$patch":"replace"}` makes the result exactly the other patch elements;
 *   `{"$patch":"merge"}` is rejected (apimachinery: "merging lists cannot yet be specified").
 * - 'set' (patchStrategy merge on primitives): union without duplicates.
 * - anything else: the patch list replaces the live one.
 * Order: see order.ts. Ref: apimachinery pkg/util/strategicpatch/patch.go (mergeSlice,
 * mergeSliceWithSpecialElements, mergeSliceWithoutSpecialElements).
 */
import type { FieldSchema } from '../schema.ts';
import { isObject, type JsonObject } from '../json-value.ts';
import { PATCH, patchError, show } from './directives.ts';
import { mergeMap, mergeValue } from './merge-map.ts';
import { orderMerged } from './order.ts';

export function mergeList(live: unknown[], patch: unknown[], schema: FieldSchema | undefined, path: string): unknown[] {
  if (schema?.list === 'map' && schema.mergeKey) return mergeKeyed(live, patch, schema.mergeKey, schema.elem, path);
  if (schema?.list === 'set') return mergeSet(live, patch, path);
  // Atomic: the patch list wins; its elements are merged into nothing to resolve directives.
  return patch.map((x, i) => mergeValue(undefined, x, schema?.elem, `${path}[${i}]`));
}

function mergeKeyed(live: unknown[], patch: unknown[], key: string, elem: FieldSchema | undefined, path: string): unknown[] {
  const at = (v: unknown) => `${path}[${key}=${show(v)}]`;
  let current = live;
  let replace = false;
  const plain: JsonObject[] = [];
  for (const item of patch) {
    if (!isObject(item)) throw patchError(path, `list element ${show(item)} must be an object with merge key "${key}"`);
    if (!Object.hasOwn(item, PATCH)) { plain.push(item); continue; }
    switch (item[PATCH]) {
      case 'delete':
        if (!Object.hasOwn(item, key)) throw patchError(path, `$patch: delete element ${show(item)} has no merge key "${key}"`);
        current = current.filter((x) => !(isObject(x) && x[key] === item[key]));
        break;
      case 'replace':
        replace = true;
        break;
      case 'merge':
        throw patchError(path, '$patch: merge is not supported in a list');
      default:
        throw patchError(path, `unknown $patch directive ${show(item[PATCH])} in a list (allowed: replace, delete)`);
    }
  }
  if (replace) return plain.map((x) => mergeMap({}, x, elem, at(x[key])));

  const merged = [...current];
  for (const item of plain) {
    if (!Object.hasOwn(item, key)) throw patchError(path, `list element ${show(item)} has no merge key "${key}"`);
    const i = merged.findIndex((x) => isObject(x) && x[key] === item[key]);
    if (i >= 0) merged[i] = mergeMap(merged[i] as JsonObject, item, elem, at(item[key]));
    else merged.push(mergeMap({}, item, elem, at(item[key])));
  }
  return orderMerged(merged, plain, current, key);
}

function mergeSet(live: unknown[], patch: unknown[], path: string): unknown[] {
  for (const x of [...live, ...patch]) {
    if (typeof x === 'object' && x !== null) throw patchError(path, `a list of primitives cannot hold ${show(x)}`);
  }
  const merged = [...new Set([...live, ...patch])];
  return orderMerged(merged, patch, live, '');
}
