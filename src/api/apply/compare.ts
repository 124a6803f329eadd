/**
 * What an update from `before` to `after` added, removed and changed, as field sets
 * (sigs.k8s.io/structured-merge-diff/v4 typed/compare.go: Added, Removed, Modified).
 *
 * The rules are those of the field-set walk in walk.ts, applied path by path: at each path
 * each side has an entry or none — a *member* (a leaf: scalar, null, empty map, atomic value;
 * or a list item or free-form map entry) or a *container* (a named struct, a map or a list
 * holding members). A path is added when only `after` has an entry there that counts
 * (a member, or a container that appears as a whole, see wholeContainer), removed when only
 * `before` has, modified when both have members, one of them a leaf, with different values.
 *
 * Both objects are walked side by side and only what differs is written, straight into the
 * result sets: a status write compares only status, and builds no path list of either side
 * (flattening both sides was a tenth of a busy API server). Struct and map fields equal on
 * both sides are skipped. A list with two items under one path element (a duplicate key)
 * merges their entries; that rare case is left to compareByFlattening, which walks.ts's
 * flattening gives the same answer for by construction.
 */
import type { FieldSchema } from '../patch/schema.ts';
import { FieldSet } from './fieldset.ts';
import { fieldPE } from './path.ts';
import type { Path, PathElement } from './path.ts';
import { deepEqual, fieldSchema, flattenDiffering, isFreeMap, isObj, listItemPE, listKind } from './walk.ts';
import type { FlatEntry, Obj } from './walk.ts';

export interface Comparison { added: FieldSet; removed: FieldSet; modified: FieldSet }

export function compare(before: unknown, after: unknown, s: FieldSchema | undefined): Comparison {
  const out: Comparison = { added: new FieldSet(), removed: new FieldSet(), modified: new FieldSet() };
  try {
    children(before, after, s, [], out, true);
    return out;
  } catch (e) {
    if (e !== DUPLICATE) throw e;
    return compareByFlattening(before, after, s);
  }
}

/** Thrown when a list has two items under one path element. */
const DUPLICATE = Symbol('duplicate list item');
/** One side of a path where that side has no value. */
const NONE = Symbol('none');

/** What the parent adds at a path: list items and free-form map entries are members; an empty map is a leaf. */
const Parent = { Item: 1, Field: 2, MapEntry: 3 } as const;
type Parent = typeof Parent[keyof typeof Parent];

interface Entry { member: boolean; leaf: boolean; kind?: FlatEntry['kind'] }

/** The entry one side has at a path (walk.ts's visit, then what its parent adds there); undefined for none. */
function entryOf(v: unknown, s: FieldSchema | undefined, parent: Parent): Entry | undefined {
  if (v === NONE) return undefined;
  let e: Entry | undefined;
  if (Array.isArray(v)) e = listKind(s) === 'atomic' ? LEAF : v.length > 0 ? LIST : undefined;
  else if (!isObj(v) || s?.atomic) e = LEAF;
  else e = hasMembers(v) ? (isFreeMap(s) ? MAP : STRUCT) : undefined;
  if (e?.member) return e;
  if (parent === Parent.Item) return { member: true, leaf: false, kind: e?.kind };
  if (isObj(v) && Object.keys(v).length === 0) return { member: true, leaf: true, kind: e?.kind };
  if (parent === Parent.MapEntry) return { member: true, leaf: false, kind: e?.kind };
  return e;
}
const LEAF: Entry = { member: true, leaf: true };
const LIST: Entry = { member: false, leaf: false, kind: 'list' };
const MAP: Entry = { member: false, leaf: false, kind: 'map' };
const STRUCT: Entry = { member: false, leaf: false, kind: 'struct' };

function hasMembers(o: Obj): boolean {
  for (const k in o) if (o[k] !== undefined) return true;
  return false;
}

/**
 * Fields that Go API types always serialise (value structs, lists without omitempty), so an
 * update never "adds" them as a whole: only what they contain.
 */
const ALWAYS_PRESENT = new Set(['metadata', 'spec', 'status', 'template', 'strategy', 'resources', 'updateStrategy', 'containers']);

/**
 * Containers that appear or disappear as a whole count as added or removed themselves, as
 * upstream's comparison hook does for fields absent from the typed empty object: this is why
 * an Update entry has `"f:labels":{".":{},…}` and `"f:rollingUpdate":{".":{},…}` but no
 * `"."` under `f:spec`.
 */
function wholeContainer(e: Entry, last: PathElement): boolean {
  if (e.member || e.kind === undefined) return false;
  if (e.kind === 'map') return true;
  return !(last.startsWith('f:') && ALWAYS_PRESENT.has(last.slice(2)));
}

/** Compares the two sides at `path` (its last element pushed by the caller), then what lies below. */
function at(a: unknown, b: unknown, s: FieldSchema | undefined, path: Path, parent: Parent, out: Comparison, skippable: boolean): void {
  if (a === NONE) {
    // Built apart and hung in place only when something was added: no empty sets on the way.
    const pe = path[path.length - 1];
    const added = new FieldSet();
    addedAll(b, s, added, pe, parent);
    if (added.members.size === 0 && added.children.size === 0) return;
    const node = out.added.parentOf(path);
    if (added.members.has(pe)) node.members.add(pe);
    const below = added.children.get(pe);
    if (below) node.children.set(pe, below);
    return;
  }
  const ea = entryOf(a, s, parent);
  const eb = entryOf(b, s, parent);
  if (eb && !ea) {
    if (eb.member || wholeContainer(eb, path[path.length - 1])) out.added.insert(path);
  } else if (ea && !eb) {
    if (ea.member || wholeContainer(ea, path[path.length - 1])) out.removed.insert(path);
  } else if (ea && eb && ea.member && eb.member && (ea.leaf || eb.leaf) && !deepEqual(a, b)) {
    out.modified.insert(path);
  }
  children(a, b, s, path, out, skippable);
}

/** The values below a path on each side (walk.ts's visit: list items, or the fields of a non-atomic object). */
function children(a: unknown, b: unknown, s: FieldSchema | undefined, path: Path, out: Comparison, skippable: boolean): void {
  const la = listItems(a, s);
  const lb = listItems(b, s);
  if (la || lb) {
    const items = new Map<PathElement, [unknown, unknown]>();
    la?.forEach((item, i) => { const pe = listItemPE(s, item, i); if (items.has(pe)) throw DUPLICATE; items.set(pe, [item, NONE]); });
    const seen = new Set<PathElement>();
    lb?.forEach((item, i) => {
      const pe = listItemPE(s, item, i);
      if (seen.has(pe)) throw DUPLICATE;
      seen.add(pe);
      const pair = items.get(pe);
      if (pair) pair[1] = item; else items.set(pe, [NONE, item]);
    });
    for (const [pe, [x, y]] of items) descend(x, y, s?.elem, path, pe, Parent.Item, out, false);
  }
  const oa = fieldsOf(a, s);
  const ob = fieldsOf(b, s);
  if (!oa && !ob) return;
  const entry = isFreeMap(s) ? Parent.MapEntry : Parent.Field;
  const both = !!oa && !!ob && skippable;
  if (oa) {
    for (const k in oa) {
      const x = oa[k];
      if (x === undefined) continue;
      const y = ob && Object.hasOwn(ob, k) && ob[k] !== undefined ? ob[k] : NONE;
      if (both && y !== NONE && deepEqual(x, y)) continue;
      descend(x, y, fieldSchema(s, k), path, fieldPE(k), entry, out, y !== NONE && skippable);
    }
  }
  if (ob) {
    for (const k in ob) {
      if (ob[k] === undefined || (oa && Object.hasOwn(oa, k) && oa[k] !== undefined)) continue;
      descend(NONE, ob[k], fieldSchema(s, k), path, fieldPE(k), entry, out, false);
    }
  }
}

/**
 * What `at` finds where only `after` has a value: the value and everything below it added.
 * Inserted into `node`, a set standing for the path's parent, instead of from the root for
 * each path: a pod's create and its first status write add most of what they compare.
 */
function addedAll(v: unknown, s: FieldSchema | undefined, node: FieldSet, pe: PathElement, parent: Parent): void {
  const e = entryOf(v, s, parent);
  if (e && (e.member || wholeContainer(e, pe))) node.members.add(pe);
  const items = listItems(v, s);
  const fields = items ? undefined : fieldsOf(v, s);
  if (!items && !fields) return;
  const below = new FieldSet();
  if (items) {
    const seen = new Set<PathElement>();
    items.forEach((item, i) => {
      const ipe = listItemPE(s, item, i);
      if (seen.has(ipe)) throw DUPLICATE;
      seen.add(ipe);
      addedAll(item, s?.elem, below, ipe, Parent.Item);
    });
  } else {
    const entry = isFreeMap(s) ? Parent.MapEntry : Parent.Field;
    for (const k in fields) {
      const x = fields[k];
      if (x !== undefined) addedAll(x, fieldSchema(s, k), below, fieldPE(k), entry);
    }
  }
  if (below.members.size > 0 || below.children.size > 0) node.children.set(pe, below);
}

function descend(a: unknown, b: unknown, s: FieldSchema | undefined, path: Path, pe: PathElement, parent: Parent, out: Comparison, skippable: boolean): void {
  path.push(pe);
  at(a, b, s, path, parent, out, skippable);
  path.pop();
}

const listItems = (v: unknown, s: FieldSchema | undefined): unknown[] | undefined =>
  (Array.isArray(v) && listKind(s) !== 'atomic' ? v : undefined);
const fieldsOf = (v: unknown, s: FieldSchema | undefined): Obj | undefined => (isObj(v) && !s?.atomic ? v : undefined);

/**
 * The same comparison from the two sides' flattened entries, for lists with duplicate keys
 * (whose items' entries merge under one path, first item first).
 */
export function compareByFlattening(before: unknown, after: unknown, s: FieldSchema | undefined): Comparison {
  const a = flattenDiffering(before, after, s);
  const b = flattenDiffering(after, before, s);
  const out: Comparison = { added: new FieldSet(), removed: new FieldSet(), modified: new FieldSet() };
  for (const [k, e] of b) {
    const old = a.get(k);
    if (!old) {
      if (e.member || wholeContainer(e, e.path[e.path.length - 1])) out.added.insert(e.path);
    } else if (e.member && old.member && (old.leaf || e.leaf) && !deepEqual(old.value, e.value)) {
      out.modified.insert(e.path);
    }
  }
  for (const [k, e] of a) if (!b.has(k) && (e.member || wholeContainer(e, e.path[e.path.length - 1]))) out.removed.insert(e.path);
  return out;
}
