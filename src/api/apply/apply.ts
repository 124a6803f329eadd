/**
 * Server-side apply (PATCH with `application/apply-patch+yaml`) as a pure function: merge the
 * applied configuration into the live object, prune what this manager stopped applying, detect
 * conflicts with other managers, and record ownership in `metadata.managedFields`.
 *
 * Follows sigs.k8s.io/structured-merge-diff/v4 merge/update.go (Updater.Apply) and the
 * k8s.io/apimachinery pkg/util/managedfields/internal chain around it:
 * skipnonapplied.go (an untracked object's fields go to "before-first-apply" first),
 * lastappliedmanager.go / lastappliedupdater.go (manager "kubectl" may take over fields whose
 * live value still matches the client-side last-applied annotation, and keeps that annotation
 * in sync), and equality.go (an apply that changes nothing leaves managedFields, timestamps
 * included, as they were).
 */
import type { FieldSchema } from '../patch/schema.ts';
import { schemaFor } from '../patch/schema.ts';
import { rfc3339 } from '../meta.ts';
import { conflictsWith } from './conflict.ts';
import type { Conflict } from './conflict.ts';
import { FieldSet } from './fieldset.ts';
import {
  decodeManagedFields, defaultIgnored, encodeManagedFields, managedFieldsOf, managerId, STRIPPED,
  withoutManagedFields,
} from './managed-fields.ts';
import type { ManagerEntry, Managers } from './managed-fields.ts';
import { merge, prune } from './merge.ts';
import { findConflicts, settleOwnership, tidy, withoutIgnored } from './owners.ts';
import { compare } from './compare.ts';
import { deepEqual, fieldSetOf, isObj } from './walk.ts';
import type { Obj } from './walk.ts';
import { lastAppliedValue, LAST_APPLIED } from './last-applied.ts';

export interface ApplyInput {
  /** The current object, or undefined when the apply creates it. */
  live: object | undefined;
  /** The parsed apply body (the full desired configuration). */
  applied: object;
  /** `fieldManager` (kubectl sends "kubectl"). */
  manager: string;
  /** `force=true` (`--force-conflicts`): take conflicting fields instead of failing. */
  force: boolean;
  /** The apiVersion of the endpoint ("v1", "apps/v1"). */
  apiVersion: string;
  now: Date;
  /** "" or undefined for the main resource. */
  subresource?: string;
  /** The kind's schema; default schemaFor(apiVersion, kind). */
  schema?: FieldSchema;
  /** Fields this endpoint does not write (reset by the strategy); default: status on the main resource. */
  ignored?: FieldSet;
}

export type ApplyResult = { object: Obj } | { conflicts: Conflict[] };

export const BEFORE_FIRST_APPLY = 'before-first-apply';

export function serverSideApply(input: ApplyInput): ApplyResult {
  const { manager, apiVersion, subresource } = input;
  const live = input.live ? withoutManagedFields(input.live) : undefined;
  const kind = String((input.applied as Obj).kind ?? live?.kind ?? '');
  const schema = input.schema ?? schemaFor(apiVersion, kind);
  const ignored = input.ignored ?? defaultIgnored(subresource);
  const before: Obj = live ?? {};
  const config = prune(withoutManagedFields(input.applied), ignored, undefined, schema) as Obj;

  const original = decodeManagedFields(managedFieldsOf(input.live), true);
  const managers = live && original.size === 0 ? adoptUntracked(live, schema, ignored, input) : original;

  const self = managerId({ manager, operation: 'Apply', apiVersion, subresource });
  const lastSet = managers.get(self)?.set;
  const mine: ManagerEntry = {
    manager, operation: 'Apply', apiVersion, ...(subresource ? { subresource } : {}),
    time: rfc3339(input.now), set: fieldSetOf(config, schema).recursiveDifference(ignored).difference(STRIPPED),
  };
  const next: Managers = new Map(managers).set(self, mine);

  let object = merge(before, config, schema) as Obj;
  if (lastSet && !lastSet.isEmpty()) {
    const owned = [...next.values()].reduce((acc, e) => acc.union(e.set), new FieldSet());
    object = prune(object, lastSet, owned, schema) as Obj;
  }

  const cmp = withoutIgnored(compare(before, object, schema), ignored);
  const found = findConflicts(next, cmp, self);
  if (found.length > 0 && !input.force) {
    const allowed = manager === 'kubectl' ? allowedByLastApplied(before, schema) : undefined;
    const remaining = found.flatMap((c) => conflictsWith(c.entry, allowed ? c.set.difference(allowed) : c.set));
    if (remaining.length > 0) return { conflicts: remaining };
  }

  const settled = tidy(settleOwnership(next, cmp, self));
  if (manager === 'kubectl' && input.live && hasLastApplied(object)) {
    annotations(object)[LAST_APPLIED] = lastAppliedValue(input.applied);
  }
  if (live && deepEqual(object, live) && sameOwnership(settled, original)) {
    return { object: structuredClone(input.live) as Obj };
  }
  const metadata = isObj(object.metadata) ? object.metadata : (object.metadata = {});
  const entries = encodeManagedFields(settled);
  if (entries.length > 0) metadata.managedFields = entries;
  return { object };
}

/** An object nobody tracks yet: its current fields belong to "before-first-apply" (an Update). */
function adoptUntracked(live: Obj, schema: FieldSchema | undefined, ignored: FieldSet, input: ApplyInput): Managers {
  const e: ManagerEntry = {
    manager: BEFORE_FIRST_APPLY, operation: 'Update', apiVersion: input.apiVersion,
    ...(input.subresource ? { subresource: input.subresource } : {}),
    time: rfc3339(input.now), set: fieldSetOf(live, schema).recursiveDifference(ignored),
  };
  return tidy(new Map([[managerId(e), e]]));
}

/** Fields whose live value still equals the client-side last-applied configuration. */
function allowedByLastApplied(live: Obj, schema: FieldSchema | undefined): FieldSet | undefined {
  const raw = isObj(live.metadata) && isObj(live.metadata.annotations) ? live.metadata.annotations[LAST_APPLIED] : undefined;
  if (typeof raw !== 'string' || raw === '') return undefined;
  let last: unknown;
  try {
    last = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const lastSet = fieldSetOf(last, schema);
  return lastSet.intersection(fieldSetOf(live, schema)).difference(compare(last, live, schema).modified);
}

function sameOwnership(a: Managers, b: Managers): boolean {
  if (a.size !== b.size) return false;
  for (const [id, e] of a) {
    const o = b.get(id);
    if (!o || o.apiVersion !== e.apiVersion || !o.set.equals(e.set)) return false;
  }
  return true;
}

function hasLastApplied(o: Obj): boolean {
  return isObj(o.metadata) && isObj(o.metadata.annotations) && typeof o.metadata.annotations[LAST_APPLIED] === 'string';
}
const annotations = (o: Obj) => (o.metadata as Obj).annotations as Obj;
