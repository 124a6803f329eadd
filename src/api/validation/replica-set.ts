/** ReplicaSet validation (ValidateReplicaSet, ValidateReplicaSetUpdate in pkg/apis/apps/validation). */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { field, type FieldError } from '../errors.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { nameIsDNSSubdomain } from './names.ts';
import { validateSelectorAndTemplate } from './selector.ts';
import { deepEqual, FIELD_IMMUTABLE, goLabelSelector, invalidGo, nonNegative } from './util.ts';

function validateSpec(rs: ReplicaSet): FieldError[] {
  const spec = rs.spec;
  if (!spec) return [field.required('spec')];
  return [
    ...nonNegative(spec.replicas, 'spec.replicas'),
    ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...validateSelectorAndTemplate(spec.selector, spec.template, 'spec'),
  ];
}

export function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  return [...validateObjectMeta(rs.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }), ...validateSpec(rs)];
}

export function validateReplicaSetUpdate(rs: ReplicaSet, old: ReplicaSet): FieldError[] {
  const errs = [...validateObjectMetaUpdate(rs.metadata, old.metadata), ...validateSpec(rs)];
  if (!deepEqual(rs.spec?.selector, old.spec?.selector)) errs.push(invalidGo('spec.selector', goLabelSelector(rs.spec?.selector), FIELD_IMMUTABLE));
  return errs;
}
