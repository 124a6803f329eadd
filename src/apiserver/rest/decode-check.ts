/**
 * Checks every written body gets before defaulting: apiVersion/kind match the URL, the
 * namespace and name agree with the URL, and (by `fieldValidation`) no unknown fields.
 * Messages follow k8s.io/apiserver/pkg/endpoints/handlers (create.go, update.go, rest.go).
 */
import { badRequest, field, invalid, type StatusError } from '../../api/errors.ts';
import { goValue } from '../../api/validation/util.ts';
import type { KObject } from '../../api/meta.ts';
import { groupVersion, type ResourceInfo } from '../../api/resources.ts';
import { cannotBeHandled, checkObject } from '../openapi/fields.ts';
import { prune } from '../openapi/prune.ts';
import type { FieldValidation } from './query.ts';

export function checkTypeMeta(info: ResourceInfo, obj: KObject, kind = info.kind, gv = groupVersion(info)): void {
  if (obj.apiVersion === undefined || obj.apiVersion === '') obj.apiVersion = gv;
  if (obj.kind === undefined || obj.kind === '') obj.kind = kind;
  if (obj.apiVersion !== gv) {
    throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${gv})`);
  }
  if (obj.kind !== kind) {
    throw badRequest(`${obj.kind} in version "${gv.split('/').pop()}" cannot be handled as a ${kind}: the object kind does not match the resource`);
  }
  if (typeof obj.metadata !== 'object' || obj.metadata === null || Array.isArray(obj.metadata)) {
    if (obj.metadata !== undefined) throw badRequest(`${kind} in version "${gv.split('/').pop()}" cannot be handled as a ${kind}: json: cannot unmarshal into Go struct field ${kind}.metadata of type v1.ObjectMeta`);
    obj.metadata = {};
  }
}

export function checkNamespace(info: ResourceInfo, obj: KObject, namespace: string | undefined): void {
  const meta = obj.metadata!;
  if (!info.namespaced) { delete meta.namespace; return; }
  if (meta.namespace && namespace && meta.namespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  meta.namespace = namespace ?? meta.namespace;
}

export function checkName(obj: KObject, name: string): void {
  const meta = obj.metadata!;
  if (meta.name && meta.name !== name) {
    throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
  }
  meta.name = name;
}

/**
 * Values of the wrong JSON type: 400, as the real server's decoder refuses them. Unknown
 * fields: an error with Strict, warnings with Warn (the default), nothing with Ignore. Answers
 * the object as decoding leaves it, without its unknown fields and nulls (prune), which the
 * caller goes on with. `strictError` words the Strict refusal, which differs by handler
 * (bodyDecodeError, patchDecodeError); a plain 400 by default.
 */
export function checkFields(obj: KObject, fv: FieldValidation, warnings: string[], strictError: (message: string) => StatusError = badRequest): KObject {
  const apiVersion = String(obj.apiVersion), kind = String(obj.kind);
  const { typeError, unknown } = checkObject(apiVersion, kind, obj);
  if (typeError) throw badRequest(typeError);
  const out = prune(apiVersion, kind, obj);
  if (fv === 'Ignore' || !unknown.length) return out;
  const texts = unknown.map((f) => `unknown field "${f}"`);
  if (fv === 'Strict') throw strictError(`strict decoding error: ${texts.join(', ')}`);
  warnings.push(...texts);
  return out;
}

/** A create's or update's body that failed decoding as a whole: transformDecodeError's 400 (create.go, update.go). */
export const bodyDecodeError = (obj: KObject) => (message: string): StatusError =>
  badRequest(cannotBeHandled(String(obj.apiVersion), String(obj.kind), message));

/**
 * A strategic merge patch whose result failed decoding: 422 on the field `patch`, its value
 * the patch as Go prints the decoded map (patch.go strategicPatchObject), which kubectl shows
 * as "The request is invalid: patch: Invalid value: "map[…]": strict decoding error: …".
 */
export const patchDecodeError = (patch: string | Buffer) => (message: string): StatusError => {
  let decoded: unknown;
  try { decoded = JSON.parse(patch.toString()); } catch { decoded = patch.toString(); }
  return invalid('', '', '', [field.invalid('patch', goValue(decoded), message)]);
};
