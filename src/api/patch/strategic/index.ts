/**
 * Strategic merge patch: applies a patch to a live object by the kind's patch schema.
 * With no schema (a kind we do not know) the patch is applied as a JSON merge patch.
 */
import { badRequest } from '../../errors.ts';
import { applyMergePatch } from '../merge-patch.ts';
import { clone } from '../../meta.ts';
import { isObject } from '../json-value.ts';
import type { FieldSchema } from '../schema.ts';
import { mergeMap } from './merge-map.ts';

/**
 * Returns the patched object; `doc` is not mutated, nor is `patch` unless `patchOwned` says it
 * is the caller's to use up (freshly decoded: copying it again was a hundredth of a status
 * write). Bad directives throw a 400 StatusError.
 */
export function applyStrategicMergePatch(doc: unknown, patch: unknown, schema: FieldSchema | undefined, patchOwned = false): unknown {
  if (!isObject(patch)) throw badRequest('strategic merge patch must be a JSON object');
  if (!schema) return applyMergePatch(doc, patch);
  return mergeMap(isObject(doc) ? clone(doc) : {}, patchOwned ? patch : clone(patch), schema, '');
}
