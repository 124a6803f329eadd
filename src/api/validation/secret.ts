/** Secret validation (ValidateSecret, ValidateSecretUpdate): keys, 1 MiB of data, per-type required keys. */
import type { Secret } from 'kubernetes-types/core/v1.d.ts';
import { field, type FieldError } from '../errors.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { nameIsDNSSubdomain } from './names.ts';
import { immutableDataErrors, MAX_DATA_SIZE, validateKeys } from './config-map.ts';
import { key } from './util.ts';

/** Keys each built-in type requires in data. */
const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

function validateData(s: Secret): FieldError[] {
  const data = s.data ?? {};
  const errs = validateKeys(Object.keys(data), 'data');
  const size = Object.values(data).reduce((n, v) => n + Buffer.from(String(v), 'base64').length, 0);
  if (size > MAX_DATA_SIZE) errs.push(field.tooLong('data', '', MAX_DATA_SIZE));
  for (const k of REQUIRED_KEYS[s.type ?? ''] ?? []) if (!(k in data)) errs.push(field.required(key('data', k)));
  if (s.type === 'kubernetes.io/basic-auth' && !('username' in data) && !('password' in data)) {
    errs.push(field.required(key('data', 'username')), field.required(key('data', 'password')));
  }
  if (s.type === 'kubernetes.io/service-account-token' && !s.metadata?.annotations?.['kubernetes.io/service-account.name']) {
    errs.push(field.required('metadata.annotations[kubernetes.io/service-account.name]'));
  }
  return errs;
}

export function validateSecret(s: Secret): FieldError[] {
  return [...validateObjectMeta(s.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }), ...validateData(s)];
}

export function validateSecretUpdate(s: Secret, old: Secret): FieldError[] {
  const errs = validateObjectMetaUpdate(s.metadata, old.metadata);
  if ((s.type ?? '') !== (old.type ?? '')) errs.push(field.invalid('type', s.type ?? '', 'field is immutable'));
  return [...errs, ...immutableDataErrors(s, old), ...validateData(s)];
}
