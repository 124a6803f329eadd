/**
 * Pod validation (ValidatePodCreate, ValidatePodUpdate in pkg/apis/core/validation, v1.30).
 * On update only a few spec fields may change; anything else is refused with Kubernetes' message
 * followed by a diff of the spec.
 */
import type { Pod, PodSpec } from 'kubernetes-types/core/v1.d.ts';
import { field, type FieldError } from '../errors.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { nameIsDNSSubdomain, inclusiveRangeError } from './names.ts';
import { validatePodSpec } from './pod-spec.ts';
import { specDiff } from './spec-diff.ts';
import { deepEqual, index } from './util.ts';

const MAX_INT32 = 2 ** 31 - 1;

export const POD_UPDATABLE_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
].join(',');

export function validatePod(pod: Pod): FieldError[] {
  const errs = validateObjectMeta(pod.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
  errs.push(...validatePodSpec(pod.spec, 'spec'));
  if (pod.spec?.ephemeralContainers?.length) errs.push(field.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  return errs;
}

function activeDeadlineErrors(n: PodSpec, o: PodSpec): FieldError[] {
  const path = 'spec.activeDeadlineSeconds';
  const v = n.activeDeadlineSeconds;
  if (v != null) {
    if (v < 0 || v > MAX_INT32) return [field.invalid(path, v, inclusiveRangeError(0, MAX_INT32))];
    if (o.activeDeadlineSeconds != null && o.activeDeadlineSeconds < v) return [field.invalid(path, v, 'must be less than or equal to previous value')];
  } else if (o.activeDeadlineSeconds != null) {
    return [field.invalid(path, null, 'must not update from a positive integer to nil value')];
  }
  return [];
}

/** Existing tolerations stay; only their tolerationSeconds may change (validateOnlyAddedTolerations). */
function tolerationErrors(n: PodSpec, o: PodSpec): FieldError[] {
  const errs: FieldError[] = [];
  const strip = (t: object) => ({ ...t, tolerationSeconds: undefined });
  (o.tolerations ?? []).forEach((old, i) => {
    if (!(n.tolerations ?? []).some((t) => deepEqual(strip(t), strip(old)))) {
      errs.push(field.forbidden(index('spec.tolerations', i), 'existing toleration can not be modified except its tolerationSeconds'));
    }
  });
  return errs;
}

/** The new spec with every field that may change reset to the old value ("munged" spec). */
function mungedSpec(n: PodSpec, o: PodSpec): PodSpec {
  const withOldImages = (list: PodSpec['containers'] | undefined, old: PodSpec['containers'] | undefined) =>
    list?.map((c, i) => (old?.[i] ? { ...c, image: old[i].image } : c));
  const m: PodSpec = {
    ...n,
    containers: withOldImages(n.containers, o.containers) ?? n.containers,
    initContainers: withOldImages(n.initContainers, o.initContainers),
    activeDeadlineSeconds: o.activeDeadlineSeconds,
    tolerations: o.tolerations,
  };
  const oldGrace = o.terminationGracePeriodSeconds;
  if (oldGrace != null && oldGrace < 0 && n.terminationGracePeriodSeconds === 1) m.terminationGracePeriodSeconds = oldGrace;
  return m;
}

export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata);
  errs.push(...validatePodSpec(pod.spec, 'spec'));
  const n = pod.spec ?? { containers: [] };
  const o = old.spec ?? { containers: [] };
  const deadline = activeDeadlineErrors(n, o);
  if (deadline.length) return [...errs, ...deadline];
  errs.push(...tolerationErrors(n, o));
  const munged = mungedSpec(n, o);
  if (!deepEqual(munged, o)) {
    errs.push(field.forbidden('spec', `pod updates may not change fields other than ${POD_UPDATABLE_FIELDS}\n${specDiff(o, munged)}`));
  }
  return errs;
}

