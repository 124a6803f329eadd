/**
 * `metadata.managedFields`: decoding the entries into one field set per manager, and
 * encoding them back as the API server writes them.
 *
 * Identity, ordering and the fields never tracked follow k8s.io/apimachinery
 * pkg/util/managedfields/internal: managedfields.go (BuildManagerIdentifier: an Apply
 * manager is the same whatever apiVersion it used; sortEncodedManagedFields: Apply before
 * Update, then time, manager, apiVersion, subresource), stripmeta.go (apiVersion, kind and
 * identity metadata are never owned) and capmanagers.go (at most 10 Update entries; the
 * oldest are folded into "ancient-changes").
 */
import type { ManagedFieldsEntry } from 'kubernetes-types/meta/v1.d.ts';
import { rfc3339 } from '../meta.ts';
import { FieldSet, fromFieldsV1, toFieldsV1 } from './fieldset.ts';
import type { FieldsV1 } from './fieldset.ts';
import { fieldPE } from './path.ts';
import type { Path } from './path.ts';

export type Operation = 'Apply' | 'Update';

export interface ManagerEntry {
  manager: string;
  operation: Operation;
  apiVersion: string;
  subresource?: string;
  /** RFC 3339, second precision. */
  time?: string;
  set: FieldSet;
}

/** Manager identity → what it owns. */
export type Managers = Map<string, ManagerEntry>;

export function managerId(e: Pick<ManagerEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  return JSON.stringify({
    manager: e.manager,
    operation: e.operation,
    ...(e.operation === 'Apply' ? {} : { apiVersion: e.apiVersion }),
    ...(e.subresource ? { subresource: e.subresource } : {}),
  });
}

/**
 * Entries decoded from a stored object → the stored entry. An entry object is never changed
 * (a change makes a new one), so while it is the same object its stored form is still exact:
 * an update re-encodes only the entries it changed (encoding every manager's fields was a
 * twentieth of a busy server).
 */
const storedForm = new WeakMap<ManagerEntry, ManagedFieldsEntry>();

/**
 * Entries without a manager or operation, or with another fieldsType, are dropped. `stored`:
 * the entries are a stored object's (written by encodeManagedFields), so each may be reused.
 */
export function decodeManagedFields(entries: unknown, stored = false): Managers {
  const out: Managers = new Map();
  if (!Array.isArray(entries)) return out;
  for (const raw of entries as ManagedFieldsEntry[]) {
    if (!raw || typeof raw !== 'object' || raw.fieldsType !== 'FieldsV1') continue;
    if (raw.operation !== 'Apply' && raw.operation !== 'Update') continue;
    const head: Omit<ManagerEntry, 'set'> = {
      manager: raw.manager ?? '',
      operation: raw.operation,
      apiVersion: raw.apiVersion ?? '',
      ...(raw.subresource ? { subresource: raw.subresource } : {}),
      ...(raw.time ? { time: raw.time } : {}),
    };
    const fields = raw.fieldsV1 as FieldsV1 | undefined;
    const e: ManagerEntry = stored && isFieldsObject(fields) ? lazyEntry(head, fields) : { ...head, set: fromFieldsV1(fields) };
    const id = managerId(e);
    const prev = out.get(id);
    if (stored && !prev) storedForm.set(e, raw);
    out.set(id, prev ? { ...e, set: prev.set.union(e.set) } : e);
  }
  return out;
}

/**
 * Stored entries not decoded yet → their FieldsV1. A stored entry is decoded only when its set
 * is read: a status write asks of the spec's owner only whether it owns what changed, which
 * ownsAny answers from the FieldsV1 itself (decoding every entry was a tenth of recordUpdate).
 * Stored FieldsV1 is always toFieldsV1's own output (encodeManagedFields writes every entry
 * that way), so a node is a member exactly when it is `{}` or holds `"."`.
 */
const undecoded = new WeakMap<ManagerEntry, FieldsV1>();

const isFieldsObject = (v: unknown): v is FieldsV1 => v !== null && typeof v === 'object' && !Array.isArray(v);

function lazyEntry(head: Omit<ManagerEntry, 'set'>, fields: FieldsV1): ManagerEntry {
  let set: FieldSet | undefined;
  const e = head as ManagerEntry;
  Object.defineProperty(e, 'set', {
    enumerable: true,
    get: () => {
      if (!set) { set = fromFieldsV1(fields); undecoded.delete(e); }
      return set;
    },
  });
  undecoded.set(e, fields);
  return e;
}

/** Whether the entry owns any path of `s` (e.set.overlaps(s)), without decoding a stored entry. */
export function ownsAny(e: ManagerEntry, s: FieldSet): boolean {
  const raw = undecoded.get(e);
  return raw ? rawOverlaps(raw, s) : e.set.overlaps(s);
}

/** Whether the entry owns nothing (e.set.isEmpty()), without decoding a stored entry. */
export function ownsNothing(e: ManagerEntry): boolean {
  const raw = undecoded.get(e);
  return raw ? Object.keys(raw).length === 0 : e.set.isEmpty();
}

function rawOverlaps(raw: FieldsV1, s: FieldSet): boolean {
  for (const m of s.members) {
    const n = raw[m];
    if (n && typeof n === 'object' && ('.' in n || Object.keys(n).length === 0)) return true;
  }
  for (const [pe, c] of s.children) {
    const n = raw[pe];
    if (n && typeof n === 'object' && rawOverlaps(n, c)) return true;
  }
  return false;
}

const byOrder = (a: ManagerEntry, b: ManagerEntry): number =>
  cmp(a.operation, b.operation) || cmp(seconds(a.time), seconds(b.time)) || cmp(a.manager, b.manager)
  || cmp(a.apiVersion, b.apiVersion) || cmp(a.subresource ?? '', b.subresource ?? '');

function cmp<T extends string | number>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
const seconds = (t: string | undefined) => (t ? Math.floor(Date.parse(t) / 1000) : 0);

/** Entries with fields, sorted, with Kubernetes' field order (manager, operation, apiVersion, time, …). */
export function encodeManagedFields(managers: Managers): ManagedFieldsEntry[] {
  return [...managers.values()].filter((e) => !ownsNothing(e)).sort(byOrder).map((e) => storedForm.get(e) ?? {
    manager: e.manager,
    operation: e.operation,
    apiVersion: e.apiVersion,
    ...(e.time ? { time: e.time } : {}),
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(e.set),
    ...(e.subresource ? { subresource: e.subresource } : {}),
  } as ManagedFieldsEntry);
}


const metaPath = (f: string): Path => [fieldPE('metadata'), fieldPE(f)];
/** Never owned by anyone (stripmeta.go); removed with a plain, non-recursive difference. */
export const STRIPPED = FieldSet.of(
  [fieldPE('apiVersion')], [fieldPE('kind')], [fieldPE('metadata')],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation',
    'managedFields', 'resourceVersion'].map(metaPath),
);

/**
 * The fields a write through this endpoint does not own (the strategy resets them): the
 * main resource never writes status; the status subresource writes only status.
 */
export function defaultIgnored(subresource: string | undefined): FieldSet {
  if (subresource === 'status') return FieldSet.of([fieldPE('spec')], [fieldPE('metadata')]);
  if (subresource) return new FieldSet();
  return FieldSet.of([fieldPE('status')]);
}

export const MAX_UPDATE_MANAGERS = 10;
export const ANCIENT_CHANGES = 'ancient-changes';

/** Folds the oldest Update entries into one "ancient-changes" entry past the cap. */
export function capManagers(managers: Managers, max = MAX_UPDATE_MANAGERS): Managers {
  const updates = [...managers.entries()].filter(([, e]) => e.operation === 'Update');
  if (updates.length <= max) return managers;
  const out: Managers = new Map(managers);
  updates.sort(([, a], [, b]) => cmp(seconds(a.time), seconds(b.time)));
  for (const [id, e] of updates.slice(0, updates.length - max + 1)) {
    out.delete(id);
    const bucket: ManagerEntry = { manager: ANCIENT_CHANGES, operation: 'Update', apiVersion: e.apiVersion, set: e.set };
    const bid = managerId(bucket);
    const prev = out.get(bid);
    out.set(bid, prev ? { ...prev, set: prev.set.union(e.set), time: e.time ?? prev.time } : { ...bucket, time: e.time });
  }
  return out;
}

export function managedFieldsOf(o: object | undefined): unknown {
  const m = (o as Record<string, unknown> | undefined)?.metadata;
  return m !== null && typeof m === 'object' ? (m as Record<string, unknown>).managedFields : undefined;
}

/** A deep copy without `metadata.managedFields`. */
export function withoutManagedFields(o: object): Record<string, unknown> {
  const c = structuredClone(o) as Record<string, unknown>;
  const m = c.metadata;
  if (m !== null && typeof m === 'object') delete (m as Record<string, unknown>).managedFields;
  return c;
}

/**
 * A copy of the top level and of `metadata`, without `metadata.managedFields`; everything
 * deeper is shared with `o`, so neither the copy nor `o` may be changed below that level.
 * An update reads both objects and only ever replaces the copy's managedFields.
 */
export function shallowWithoutManagedFields(o: object): Record<string, unknown> {
  const c = { ...o } as Record<string, unknown>;
  const m = c.metadata;
  if (m !== null && typeof m === 'object' && !Array.isArray(m)) {
    const { managedFields: _mf, ...rest } = m as Record<string, unknown>;
    c.metadata = rest;
  }
  return c;
}

/**
 * The entries a request body carries: 'reset' for `[]` or `[{}]` (the documented way to clear
 * them, fieldmanager.go isResetManagedFields), undefined when absent or not decodable (the
 * live object's entries then stand, so clients unaware of managedFields cannot drop them).
 */
export function requestManagedFields(entries: unknown): Managers | 'reset' | undefined {
  if (!Array.isArray(entries)) return undefined;
  if (entries.length === 0) return 'reset';
  if (entries.length === 1 && entries[0] && typeof entries[0] === 'object' && Object.keys(entries[0]).length === 0) return 'reset';
  const valid = entries.every((e: ManagedFieldsEntry) => e && (e.operation === 'Apply' || e.operation === 'Update')
    && !!e.apiVersion && e.fieldsType === 'FieldsV1');
  if (!valid) return undefined;
  const m = decodeManagedFields(entries);
  return m.size > 0 ? m : undefined;
}
