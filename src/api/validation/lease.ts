/** coordination.k8s.io/v1 Lease validation (pkg/apis/coordination/validation). */
import type { Lease } from 'kubernetes-types/coordination/v1.d.ts';
import { field, type FieldError } from '../errors.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { nameIsDNSSubdomain } from './names.ts';
import { nonNegative } from './util.ts';

function validateSpec(l: Lease): FieldError[] {
  const errs: FieldError[] = [];
  const d = l.spec?.leaseDurationSeconds;
  if (d != null && d <= 0) errs.push(field.invalid('spec.leaseDurationSeconds', d, 'must be greater than 0'));
  errs.push(...nonNegative(l.spec?.leaseTransitions, 'spec.leaseTransitions'));
  return errs;
}

export function validateLease(l: Lease): FieldError[] {
  return [...validateObjectMeta(l.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }), ...validateSpec(l)];
}

export function validateLeaseUpdate(l: Lease, old: Lease): FieldError[] {
  return [...validateObjectMetaUpdate(l.metadata, old.metadata), ...validateSpec(l)];
}
