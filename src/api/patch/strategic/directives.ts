/**
 * The strategic-merge-patch directives and the error every misuse of them becomes.
 * Names from apimachinery pkg/util/strategicpatch (patch.go constants); the apiserver
 * reports bad patch formats as 400 BadRequest (interpretStrategicMergePatchError).
 */
import { badRequest, type StatusError } from '../../errors.ts';

export const PATCH = '$patch';
export const RETAIN_KEYS = '$retainKeys';
export const SET_ELEMENT_ORDER = '$setElementOrder/';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList/';

/** A 400 naming where in the patch the problem is (`.spec.containers[name="web"]`). */
export function patchError(path: string, message: string): StatusError {
  return badRequest(`invalid strategic merge patch at ${path || '.'}: ${message}`);
}

/** Short JSON for messages. */
export function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
