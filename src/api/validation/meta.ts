/**
 * ObjectMeta validation, as k8s.io/apimachinery/pkg/api/validation/objectmeta.go
 * (ValidateObjectMeta, ValidateObjectMetaUpdate) and metav1 validation (ValidateLabels).
 */
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1.d.ts';
import { field, type FieldError } from '../errors.ts';
import { isValidLabelValue, nameIsDNSLabel, type NameValidator } from './names.ts';
import { child, FIELD_IMMUTABLE, index, nonNegative, qualifiedName } from './util.ts';

export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...qualifiedName(k, path));
    errs.push(...isValidLabelValue(String(v)).map((m) => field.invalid(path, v, m)));
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    // Keys are checked lower-cased, as Kubernetes does.
    errs.push(...qualifiedName(k.toLowerCase(), path).map((e) => ({ ...e, value: k })));
    size += Buffer.byteLength(k) + Buffer.byteLength(String(v));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(field.tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

function validateOwnerReferences(refs: OwnerReference[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const controllers: string[] = [];
  (refs ?? []).forEach((r, i) => {
    const p = index(path, i);
    const version = (r.apiVersion ?? '').split('/').pop() ?? '';
    if (!version) errs.push(field.invalid(child(p, 'apiVersion'), r.apiVersion ?? '', 'version must not be empty'));
    if (!r.kind) errs.push(field.invalid(child(p, 'kind'), r.kind ?? '', 'kind must not be empty'));
    if (!r.name) errs.push(field.invalid(child(p, 'name'), r.name ?? '', 'name must not be empty'));
    if (!r.uid) errs.push(field.invalid(child(p, 'uid'), r.uid ?? '', 'uid must not be empty'));
    if (r.controller) controllers.push(`${r.kind}/${r.name}`);
  });
  if (controllers.length > 1) {
    errs.push({ type: 'FieldValueInvalid', field: path, detail: `Only one reference can have Controller set to true. Found "true" in references for ${controllers.join(' and ')}` });
  }
  return errs;
}

function validateFinalizers(finalizers: string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = (finalizers ?? []).flatMap((f) => qualifiedName(f, path));
  if (finalizers?.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(field.invalid(path, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

export interface MetaOptions {
  namespaced: boolean;
  /** How metadata.name is checked; DNS-1123 subdomain for most kinds. */
  nameFn: NameValidator;
}

export function validateObjectMeta(meta: ObjectMeta | undefined, opts: MetaOptions, path = 'metadata'): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  if (m.generateName) {
    errs.push(...opts.nameFn(m.generateName, true).map((msg) => field.invalid(child(path, 'generateName'), m.generateName, msg)));
  }
  if (!m.name) errs.push(field.required(child(path, 'name'), 'name or generateName is required'));
  else errs.push(...opts.nameFn(m.name, false).map((msg) => field.invalid(child(path, 'name'), m.name, msg)));
  if (opts.namespaced) {
    if (!m.namespace) errs.push(field.required(child(path, 'namespace')));
    else errs.push(...nameIsDNSLabel(m.namespace, false).map((msg) => field.invalid(child(path, 'namespace'), m.namespace, msg)));
  } else if (m.namespace) {
    errs.push(field.forbidden(child(path, 'namespace'), 'not allowed on this type'));
  }
  errs.push(...nonNegative(m.generation, child(path, 'generation')));
  errs.push(...validateLabels(m.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(m.annotations, child(path, 'annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, child(path, 'ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, child(path, 'finalizers')));
  return errs;
}

/** The update checks: identity fields immutable, generation not decremented, labels etc. valid. */
export function validateObjectMetaUpdate(meta: ObjectMeta | undefined, old: ObjectMeta | undefined, path = 'metadata'): FieldError[] {
  const m = meta ?? {};
  const o = old ?? {};
  const errs: FieldError[] = [];
  const added = (m.finalizers ?? []).filter((f) => !(o.finalizers ?? []).includes(f));
  if (o.deletionTimestamp && added.length > 0) {
    const list = `[]string{${[...new Set(added)].sort().map((f) => JSON.stringify(f)).join(', ')}}`;
    errs.push(field.forbidden(child(path, 'finalizers'), `no new finalizers can be added if the object is being deleted, found new finalizers ${list}`));
  }
  if ((m.generation ?? 0) < (o.generation ?? 0)) errs.push(field.invalid(child(path, 'generation'), m.generation ?? 0, 'must not be decremented'));
  const immutable: (keyof ObjectMeta)[] = ['name', 'namespace', 'uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds'];
  for (const f of immutable) {
    if ((m[f] ?? '') !== (o[f] ?? '')) errs.push(field.invalid(child(path, f), m[f] ?? '', FIELD_IMMUTABLE));
  }
  errs.push(...validateLabels(m.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(m.annotations, child(path, 'annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, child(path, 'ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, child(path, 'finalizers')));
  return errs;
}
