/** Namespace validation (ValidateNamespace, ValidateNamespaceUpdate): DNS-1123 label names. */
import type { Namespace } from 'kubernetes-types/core/v1.d.ts';
import { field, type FieldError } from '../errors.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { nameIsDNSLabel } from './names.ts';
import { index, qualifiedName } from './util.ts';

const STANDARD_FINALIZERS = ['kubernetes', 'orphan', 'foregroundDeletion'];

function validateFinalizers(ns: Namespace): FieldError[] {
  return (ns.spec?.finalizers ?? []).flatMap((f, i) => {
    const path = index('spec.finalizers', i);
    const errs = qualifiedName(f, path);
    if (!errs.length && !f.includes('/') && !STANDARD_FINALIZERS.includes(f)) {
      errs.push(field.invalid(path, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
    return errs;
  });
}

export function validateNamespace(ns: Namespace): FieldError[] {
  return [...validateObjectMeta(ns.metadata, { namespaced: false, nameFn: nameIsDNSLabel }), ...validateFinalizers(ns)];
}

export function validateNamespaceUpdate(ns: Namespace, old: Namespace): FieldError[] {
  return [...validateObjectMetaUpdate(ns.metadata, old.metadata), ...validateFinalizers(ns)];
}
