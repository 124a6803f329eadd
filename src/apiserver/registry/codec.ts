/**
 * Objects in the store: JSON without `metadata.resourceVersion`, which is the store's
 * modification revision and is set on every read (as the etcd3 storage layer does in
 * k8s.io/apiserver/pkg/storage/etcd3/store.go).
 *
 * `metadata` is always written first, so a read can splice the resourceVersion into the
 * stored text without parsing it: an unfiltered LIST of 10 000 pods then costs string
 * joins instead of 10 000 parses and a 40 MB stringify. `managedFields` is written last in
 * `metadata` (where ObjectMeta declares it), so a watcher that drops them can have them cut
 * from the text instead (withoutManagedFields).
 */
import type { KObject } from '../../api/meta.ts';
import { deepFreeze } from '../../client/freeze.ts';
import type { KeyValue } from '../../store/types.ts';

const HEAD = '{"metadata":{';

export function encode(obj: KObject): string {
  const { metadata, ...rest } = obj;
  const { resourceVersion: _rv, managedFields, ...meta } = metadata ?? {};
  // Set after the rest, so it is the last key (`meta` is this call's own object).
  if (managedFields !== undefined) (meta as { managedFields?: unknown }).managedFields = managedFields;
  return JSON.stringify({ metadata: meta, ...rest });
}

const MANAGED_FIELDS = ',"managedFields":[';

/**
 * Stored text without `metadata.managedFields`, cut out as text when they are the last field
 * of `metadata` (as `encode` writes them); any other text is answered unchanged. The match
 * must sit directly in `metadata`: without managedFields there, the first match may be deep
 * in a spec that happens to hold such a key (a custom resource's, say), which stays.
 */
export function withoutManagedFields(text: string): string {
  const at = text.indexOf(MANAGED_FIELDS);
  if (at < 0 || !text.startsWith(HEAD) || depthAt(text, HEAD.length - 1, at) !== 1) return text;
  const end = closingBracket(text, at + MANAGED_FIELDS.length - 1);
  return end > 0 && text.charCodeAt(end + 1) === 125 /* } */ ? text.slice(0, at) + text.slice(end + 1) : text;
}

/**
 * The index of the quote ending the string that opens at `i`: one not escaped (after an even
 * run of backslashes); -1 if none. indexOf skips string contents faster than a loop here.
 */
function stringEnd(s: string, i: number): number {
  for (;;) {
    i = s.indexOf('"', i + 1);
    if (i < 0) return -1;
    let b = i - 1;
    while (s.charCodeAt(b) === 92 /* \ */) b--;
    if ((i - 1 - b) % 2 === 0) return i;
  }
}

/** The index of the bracket closing the one at `open`, stepping over strings; -1 if none. */
function closingBracket(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 /* " */) {
      i = stringEnd(s, i);
      if (i < 0) return -1;
    } else if (c === 91 || c === 123) depth++;
    else if ((c === 93 || c === 125) && --depth === 0) return i;
  }
  return -1;
}

/** How deep `at` lies below the bracket at `open` (1: directly inside it); 0 when that bracket closes first. */
function depthAt(s: string, open: number, at: number): number {
  let depth = 0;
  for (let i = open; i < at; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 /* " */) {
      i = stringEnd(s, i);
      if (i < 0 || i >= at) return -1;
    } else if (c === 91 || c === 123) depth++;
    else if ((c === 93 || c === 125) && --depth === 0) return 0;
  }
  return depth;
}

export function decode(kv: KeyValue): KObject {
  const obj = JSON.parse(kv.value) as KObject;
  (obj.metadata ??= {}).resourceVersion = String(kv.modRevision);
  return obj;
}

/**
 * Objects decoded once per store event and frozen, shared by every watcher of the event (the
 * hub hands them all the same KeyValue): filters read them, and every watcher — the HTTP
 * encoder and in-process informers alike — is handed the same frozen object. A pod then costs
 * one parse per change however many informers watch pods, and informer caches hold one copy
 * of it between them instead of one each (at 150 000 pods that is gigabytes). Frozen means
 * nobody can change it under another; in-process clients copy before editing, as client-go's
 * "never mutate the cache" rule asks. Only the newest events are kept (watchers consume an
 * event at about the same time), so a lagging watcher costs a parse, never memory. Admission's
 * look at a namespace on every create reads it the same way (Registry.tryGetShared): a busy
 * namespace is parsed again only once it falls out.
 */
const SHARED_CACHE_SIZE = 512;
const shared = new Map<KeyValue, KObject>();

export function sharedObject(kv: KeyValue): KObject {
  let obj = shared.get(kv);
  if (obj) return obj;
  obj = deepFreeze(decode(kv)) as KObject;
  shared.set(kv, obj);
  if (shared.size > SHARED_CACHE_SIZE) shared.delete(shared.keys().next().value!);
  return obj;
}

/**
 * The stored object as JSON text with its resourceVersion, parsing only what an older encoding
 * wrote; with `omitManagedFields`, without metadata.managedFields where they can be cut.
 */
export function encodedWithVersion(kv: KeyValue, omitManagedFields = false): string {
  const v = omitManagedFields ? withoutManagedFields(kv.value) : kv.value;
  if (!v.startsWith(HEAD)) return JSON.stringify(decode(kv));
  const rv = `"resourceVersion":"${kv.modRevision}"`;
  return v.charCodeAt(HEAD.length) === 125 /* } */ ? `${HEAD}${rv}${v.slice(HEAD.length)}` : `${HEAD}${rv},${v.slice(HEAD.length)}`;
}

/**
 * Objects the registry returned from a write, with the stored value they were decoded from,
 * so an encoder can send the stored text instead of serializing the object again (HTTP JSON
 * responses and the control-plane thread's port do). Only results the REST layer hands out
 * unchanged are marked; a WeakMap, so nothing is kept alive by it.
 */
const sources = new WeakMap<object, KeyValue>();

/**
 * The result of a write: `written` — the object just encoded into `kv`, private to this
 * request — with its new resourceVersion, instead of a second parse of the same text. Most
 * results leave as their stored text (HTTP JSON, the control-plane port); an in-process
 * caller that gets the object itself gets it through plainResult.
 */
export function writtenResult(written: KObject, kv: KeyValue): KObject {
  (written.metadata ??= {}).resourceVersion = String(kv.modRevision);
  sources.set(written, kv);
  return written;
}

/**
 * A result as a read would return it: JSON has no `undefined`, so a written object's
 * `undefined` members are dropped (in place: the object is this request's own).
 */
export function plainResult<T>(obj: T): T {
  if (typeof obj === 'object' && obj !== null && sources.has(obj)) withoutUndefined(obj);
  return obj;
}

function withoutUndefined(v: unknown): unknown {
  if (Array.isArray(v)) { for (let i = 0; i < v.length; i++) if (v[i] === undefined) v[i] = null; else withoutUndefined(v[i]); return v; }
  if (v !== null && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      if (x === undefined) delete (v as Record<string, unknown>)[k]; else withoutUndefined(x);
    }
  }
  return v;
}

/** The stored JSON text of a registry result (see writtenResult), or undefined; managedFields as in encodedWithVersion. */
export function storedText(obj: unknown, omitManagedFields = false): string | undefined {
  const kv = typeof obj === 'object' && obj !== null ? sources.get(obj) : undefined;
  return kv && encodedWithVersion(kv, omitManagedFields);
}
