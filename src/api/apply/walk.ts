/**
 * Walking plain JSON objects with a patch schema: which path element names a list item and
 * which paths an object sets (its field set); compare.ts finds what changed between two.
 *
 * The field-set rules follow sigs.k8s.io/structured-merge-diff/v4 typed/tofieldset.go:
 * scalars, nulls, empty maps and atomic values are leaves; every element of a keyed list or
 * set is a member (and may have children); entries of free-form maps (labels, data) are
 * members, named struct fields only through what they contain.
 */
import type { FieldSchema } from '../patch/schema.ts';
import { FieldSet } from './fieldset.ts';
import { fieldPE, indexPE, keyPE, valuePE } from './path.ts';
import type { Path, PathElement } from './path.ts';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || (typeof v !== 'object' && v !== undefined);

/**
 * Key fields that the OpenAPI schema defaults, so that an applied `ports: [{containerPort: 80}]`
 * names the same element as the live, defaulted `{containerPort: 80, protocol: TCP}`
 * (ContainerPort, ServicePort and EndpointPort all default protocol to TCP in k8s.io/api).
 */
const KEY_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' };

export type ListKind = 'map' | 'set' | 'atomic';

/** Lists without a listType, and all lists of kinds we have no schema for, are atomic. `ssaList` wins over the SMP strategy. */
export const listKind = (s: FieldSchema | undefined): ListKind => s?.ssaList ?? s?.list ?? 'atomic';

/** The schema of a field or map value below an object node. */
export function fieldSchema(s: FieldSchema | undefined, key: string): FieldSchema | undefined {
  if (s?.fields) return s.fields[key];
  return s?.elem;
}

/** Free-form maps (labels, annotations, data) have an element schema and no named fields. */
export const isFreeMap = (s: FieldSchema | undefined) => !!s && !s.fields && !!s.elem && !s.list && !s.ssaList;

export function mapKeysOf(s: FieldSchema | undefined): string[] {
  if (s?.mapKeys?.length) return s.mapKeys;
  return s?.mergeKey ? [s.mergeKey] : [];
}

/** The path element naming `item` (at `index`) in a list with schema `s`. */
export function listItemPE(s: FieldSchema | undefined, item: unknown, index: number): PathElement {
  const kind = listKind(s);
  if (kind === 'set' && isScalar(item)) return valuePE(item);
  if (kind === 'map' && isObj(item)) {
    const keys = mapKeysOf(s);
    // One string key (name, type, ip, uid: nearly every keyed list) spelled directly, as
    // keyPE would: a status write names a dozen items, and the general path builds and sorts.
    if (keys.length === 1 && typeof item[keys[0]] === 'string') return `k:{${JSON.stringify(keys[0])}:${JSON.stringify(item[keys[0]])}}`;
    const key: Obj = {};
    for (const k of keys) {
      if (item[k] !== undefined && item[k] !== null) key[k] = item[k];
      else if (k in KEY_DEFAULTS) key[k] = KEY_DEFAULTS[k];
    }
    if (Object.keys(key).length > 0) return keyPE(key);
  }
  return indexPE(index);
}

/**
 * One path an object sets, with the value found there. `member` is false for containers that
 * are not members of the field set (named structs, lists and maps holding members); they are
 * only listed when asked for, for the comparison.
 */
export interface FlatEntry { path: Path; value: unknown; leaf: boolean; member: boolean; kind?: 'struct' | 'map' | 'list' }

/** Every member path an object sets (and, with `containers`, every container too), keyed by the joined path. */
export function flatten(v: unknown, s: FieldSchema | undefined, containers = false): Map<string, FlatEntry> {
  const out = new Map<string, FlatEntry>();
  visit(v, s, [], '', out, containers, undefined);
  return out;
}

/**
 * `flatten` of `v` without the struct and map fields whose value is the same in `other` at the
 * same path. Called both ways round, it leaves out the same paths with the same entries on
 * both sides, which a comparison would have found unchanged anyway; a status write then walks
 * only `status`, not the whole pod.
 */
export function flattenDiffering(v: unknown, other: unknown, s: FieldSchema | undefined): Map<string, FlatEntry> {
  const out = new Map<string, FlatEntry>();
  visit(v, s, [], '', out, true, other);
  return out;
}

/** The map key of a path, `path.join('\u0000')`, built one element at a time as the walk descends. */
const childKey = (key: string, pe: PathElement) => (key === '' ? pe : `${key}\u0000${pe}`);

function add(out: Map<string, FlatEntry>, path: Path, key: string, value: unknown, leaf: boolean): void {
  if (path.length === 0) return;
  const prev = out.get(key);
  if (!prev || !prev.member) out.set(key, { path, value, leaf, member: true, ...(prev?.kind ? { kind: prev.kind } : {}) });
}

function addContainer(out: Map<string, FlatEntry>, path: Path, key: string, value: unknown, kind: FlatEntry['kind']): void {
  if (path.length > 0 && !out.has(key)) out.set(key, { path, value, leaf: false, member: false, kind });
}

/**
 * `other`: the value at the same path in the object this one is compared with, when every
 * level above was a struct or map on both sides. Lists pass none down: two items may share a
 * key, and their entries merge, so no item is skipped.
 */
function visit(v: unknown, s: FieldSchema | undefined, path: Path, key: string, out: Map<string, FlatEntry>, containers: boolean, other: unknown): void {
  if (Array.isArray(v)) {
    if (listKind(s) === 'atomic') return add(out, path, key, v, true);
    if (containers && v.length > 0) addContainer(out, path, key, v, 'list');
    v.forEach((item, i) => {
      const pe = listItemPE(s, item, i);
      const p = [...path, pe];
      const pk = childKey(key, pe);
      visit(item, s?.elem, p, pk, out, containers, undefined);
      add(out, p, pk, item, false);
    });
    return;
  }
  if (!isObj(v)) return add(out, path, key, v, true);
  if (s?.atomic) return add(out, path, key, v, true);
  const entries = Object.entries(v).filter(([, c]) => c !== undefined);
  if (containers && entries.length > 0) addContainer(out, path, key, v, isFreeMap(s) ? 'map' : 'struct');
  const o = isObj(other) ? other : undefined;
  for (const [k, child] of entries) {
    const same = o && Object.hasOwn(o, k) ? o[k] : undefined;
    if (same !== undefined && deepEqual(child, same)) continue;
    const pe = fieldPE(k);
    const p = [...path, pe];
    const pk = childKey(key, pe);
    visit(child, fieldSchema(s, k), p, pk, out, containers, same);
    if (isObj(child) && Object.keys(child).length === 0) add(out, p, pk, child, true);
    else if (isFreeMap(s)) add(out, p, pk, child, false);
  }
}

/** The field set of an object: what an applier of it owns. */
export function fieldSetOf(v: unknown, s: FieldSchema | undefined): FieldSet {
  const set = new FieldSet();
  for (const e of flatten(v, s).values()) if (e.member) set.insert(e.path);
  return set;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}
