/**
 * PATCH bodies: dispatch on the request's content type to JSON Patch, JSON Merge Patch or
 * strategic merge patch. Server-side apply (application/apply-patch+yaml) lives in src/api/apply.
 *
 * Status codes follow the apiserver's patch handler
 * (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go): an undecodable body is 400,
 * an unknown patch type 415.
 */
import { badRequest, StatusError } from '../errors.ts';
import { applyJsonPatch } from './json-patch.ts';
import { isObject } from './json-value.ts';
import { applyMergePatch } from './merge-patch.ts';
import type { FieldSchema } from './schema.ts';
import { applyStrategicMergePatch } from './strategic/index.ts';

export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const APPLY_PATCH = 'application/apply-patch+yaml';

/** The patch types the apiserver advertises, apply included (it is served by src/api/apply). */
export const PATCH_CONTENT_TYPES = [JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, APPLY_PATCH];

/** "application/merge-patch+json; charset=utf-8" → "application/merge-patch+json". */
export const mediaType = (contentType: string) => contentType.split(';')[0].trim().toLowerCase();

export function unsupportedPatchType(contentType: string): StatusError {
  return new StatusError({
    code: 415,
    reason: 'UnsupportedMediaType',
    message: `the body of the request was in an unknown format - accepted media types include: ${PATCH_CONTENT_TYPES.join(', ')}`,
    details: { causes: [{ reason: 'UnexpectedServerResponse', message: contentType }] },
  });
}

/**
 * Applies `patchBody` to `live` (not mutated) and returns the patched object.
 * `schema` is the kind's patch schema (schemaFor), used by strategic merge patch only.
 */
export function applyPatch(contentType: string, live: object, patchBody: Buffer | string, schema: FieldSchema | undefined): object {
  const type = mediaType(contentType);
  if (type !== JSON_PATCH && type !== MERGE_PATCH && type !== STRATEGIC_MERGE_PATCH) throw unsupportedPatchType(contentType);
  const patch = decode(patchBody);
  let out: unknown;
  if (type === JSON_PATCH) out = applyJsonPatch(live, patch);
  else if (type === MERGE_PATCH) out = applyMergePatch(live, patch);
  else out = applyStrategicMergePatch(live, patch, schema, true);
  if (!isObject(out)) throw new StatusError({ code: 422, reason: 'Invalid', message: 'the patched object must be a JSON object' });
  return out;
}

function decode(body: Buffer | string): unknown {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`error decoding patch: ${e instanceof Error ? e.message : String(e)}`);
  }
}
