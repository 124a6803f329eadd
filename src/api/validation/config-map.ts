/** ConfigMap validation (ValidateConfigMap, ValidateConfigMapUpdate): keys, total size, immutability. */
import type { ConfigMap } from 'kubernetes-types/core/v1.d.ts';
import { field, type FieldError } from '../errors.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { isConfigMapKey, nameIsDNSSubdomain } from './names.ts';
import { deepEqual, key } from './util.ts';

/** core.MaxSecretSize, used for ConfigMaps too. */
export const MAX_DATA_SIZE = 1024 * 1024;

export function validateKeys(keys: string[], path: string): FieldError[] {
  return keys.flatMap((k) => isConfigMapKey(k).map((m) => field.invalid(key(path, k), k, m)));
}

function validateData(cm: ConfigMap): FieldError[] {
  const data = cm.data ?? {};
  const binary = cm.binaryData ?? {};
  const errs = validateKeys(Object.keys(data), 'data');
  for (const k of Object.keys(data)) if (k in binary) errs.push(field.invalid(key('data', k), k, 'duplicate of key present in binaryData'));
  errs.push(...validateKeys(Object.keys(binary), 'binaryData'));
  for (const k of Object.keys(binary)) if (k in data) errs.push(field.invalid(key('binaryData', k), k, 'duplicate of key present in data'));
  const size = Object.values(data).reduce((n, v) => n + Buffer.byteLength(String(v)), 0)
    + Object.values(binary).reduce((n, v) => n + Buffer.from(String(v), 'base64').length, 0);
  if (size > MAX_DATA_SIZE) errs.push(field.tooLong('', '', MAX_DATA_SIZE));
  return errs;
}

export function validateConfigMap(cm: ConfigMap): FieldError[] {
  return [...validateObjectMeta(cm.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }), ...validateData(cm)];
}

/** Once `immutable: true`, data, binaryData and the flag itself are frozen. */
export function immutableDataErrors(obj: { immutable?: boolean; data?: unknown }, old: { immutable?: boolean; data?: unknown }, extra: [string, unknown, unknown][] = []): FieldError[] {
  if (!old.immutable) return [];
  const errs: FieldError[] = [];
  const msg = 'field is immutable when `immutable` is set';
  if (!obj.immutable) errs.push(field.forbidden('immutable', msg));
  if (!deepEqual(obj.data ?? {}, old.data ?? {})) errs.push(field.forbidden('data', msg));
  for (const [name, a, b] of extra) if (!deepEqual(a ?? {}, b ?? {})) errs.push(field.forbidden(name, msg));
  return errs;
}

export function validateConfigMapUpdate(cm: ConfigMap, old: ConfigMap): FieldError[] {
  return [
    ...validateObjectMetaUpdate(cm.metadata, old.metadata),
    ...immutableDataErrors(cm, old, [['binaryData', cm.binaryData, old.binaryData]]),
    ...validateData(cm),
  ];
}
