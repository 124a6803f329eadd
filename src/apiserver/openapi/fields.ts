/**
 * Finds fields an object carries that its kind's schema does not declare, for the `fieldValidation`
 * query parameter: Strict rejects them (400 `strict decoding error: unknown field "spec.foo"`), Warn
 * returns one Warning header each (k8s.io/apiserver pkg/endpoints/handlers/rest.go, and the
 * sigs.k8s.io/json strict decoder for the path format `a.b[0].c`).
 *
 * The walk itself (types.ts) also finds JSON type errors, which the real server reports first, as
 * a 400 with no unknown-field check at all: call `checkObject` to get both from one walk.
 */
import { checkObject } from './types.ts';

export { cannotBeHandled, checkObject, typeErrors, type CheckResult } from './types.ts';

/** Paths of the fields in `obj` that the schema of apiVersion/kind does not know, in document order. */
export function unknownFields(apiVersion: string, kind: string, obj: unknown): string[] {
  return checkObject(apiVersion, kind, obj).unknown;
}
