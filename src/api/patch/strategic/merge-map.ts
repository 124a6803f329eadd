/**
 * Merging a patch map into a live map, with the map-level directives: `$patch`,
 * `$retainKeys`, `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>`.
 * Behaviour follows apimachinery pkg/util/strategicpatch/patch.go (mergeMap,
 * applyRetainKeysDirective, mergePatchIntoOriginal) with the server's options
 * (MergeParallelList and IgnoreUnmatchedNulls both on). Unlike it, a patch value for a field
 * the live object lacks is merged into an empty value, so no `$` key ever reaches storage.
 *
 * Both arguments are owned by the caller's private copies and may be modified.
 */
import type { FieldSchema } from '../schema.ts';
import { childSchema } from '../schema.ts';
import { isObject, type JsonObject } from '../json-value.ts';
import { DELETE_FROM_PRIMITIVE_LIST, PATCH, patchError, RETAIN_KEYS, SET_ELEMENT_ORDER, show } from './directives.ts';
import { mergeList } from './merge-list.ts';
import { orderMerged, validateSetElementOrder } from './order.ts';

export function mergeMap(live: JsonObject, patch: JsonObject, schema: FieldSchema | undefined, path: string): JsonObject {
  if (Object.hasOwn(patch, PATCH)) {
    const { [PATCH]: directive, ...rest } = patch;
    // replace: the patch map is the result, no merging; delete: the map becomes empty.
    if (directive === 'replace') return mergeMap({}, rest, schema, path);
    if (directive === 'delete') return {};
    throw patchError(path, `unknown $patch directive ${show(directive)} in a map (allowed: replace, delete)`);
  }
  applyRetainKeys(live, patch, path);
  applySetElementOrder(live, patch, schema, path);

  const deletions: [string, unknown][] = [];
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) { deletions.push([k, v]); continue; }
    if (k.startsWith('$')) throw patchError(path, `unknown directive ${show(k)}`);
    if (v === null) { delete live[k]; continue; }
    live[k] = mergeValue(live[k], v, childSchema(schema, k), `${path}.${k}`);
  }
  // Deletions run after additions so a value named in both ends up removed.
  for (const [k, v] of deletions) deleteFromPrimitiveList(live, k, v, path);
  return live;
}

/** Merges any patch value into any live value (undefined when absent). */
export function mergeValue(live: unknown, patch: unknown, schema: FieldSchema | undefined, path: string): unknown {
  if (isObject(patch)) return mergeMap(isObject(live) ? live : {}, patch, schema, path);
  if (Array.isArray(patch)) return mergeList(Array.isArray(live) ? live : [], patch, schema, path);
  return patch;
}

/** `$retainKeys: [..]`: live keys not listed are dropped; the patch may only set listed keys. */
function applyRetainKeys(live: JsonObject, patch: JsonObject, path: string): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw patchError(path, `$retainKeys must be a list of field names, got ${show(list)}`);
  const keep = new Set(list);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw patchError(path, `field ${show(k)} is set but not listed in $retainKeys ${show(list)}`);
  }
  for (const k of Object.keys(live)) if (!keep.has(k)) delete live[k];
}

/**
 * `$setElementOrder/<f>`: merges list `f` now and orders the result, then removes both keys
 * from the patch so the main loop does not see them again.
 */
function applySetElementOrder(live: JsonObject, patch: JsonObject, schema: FieldSchema | undefined, path: string): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    const field = key.slice(SET_ELEMENT_ORDER.length);
    const at = `${path}.${field}`;
    if (!field) throw patchError(path, `directive ${show(key)} names no field`);
    if (!Array.isArray(order)) throw patchError(at, `$setElementOrder must be a list, got ${show(order)}`);
    const listSchema = childSchema(schema, field);
    // Only merging lists have an order to keep; a replaced list's order is the patch's.
    if (listSchema?.list !== 'map' && listSchema?.list !== 'set') continue;
    const mergeKey = listSchema.list === 'map' ? listSchema.mergeKey ?? '' : '';
    const liveList = Array.isArray(live[field]) ? live[field] as unknown[] : undefined;
    const patchList = patch[field];
    if (patchList === null) continue; // the main loop deletes the field
    if (patchList !== undefined && !Array.isArray(patchList)) throw patchError(at, `expected a list, got ${show(patchList)}`);
    if (liveList === undefined && patchList === undefined) continue;
    validateSetElementOrder(patchList ?? [], order, mergeKey, at);
    const merged = patchList === undefined ? liveList ?? [] : mergeList(liveList ?? [], patchList, listSchema, at);
    live[field] = orderMerged(merged, order, liveList ?? [], mergeKey);
    delete patch[field];
  }
}

/** `$deleteFromPrimitiveList/<f>: [values]` removes those values from the live list `f`. */
function deleteFromPrimitiveList(live: JsonObject, key: string, values: unknown, path: string): void {
  const field = key.slice(DELETE_FROM_PRIMITIVE_LIST.length);
  if (!field) throw patchError(path, `directive ${show(key)} names no field`);
  if (!Array.isArray(values)) throw patchError(`${path}.${field}`, `$deleteFromPrimitiveList must be a list, got ${show(values)}`);
  const current = live[field];
  if (!Array.isArray(current)) return;
  live[field] = current.filter((x) => !values.includes(x));
}
