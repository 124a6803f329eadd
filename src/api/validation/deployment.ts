/** Deployment validation (ValidateDeployment, ValidateDeploymentUpdate in pkg/apis/apps/validation). */
import type { Deployment, DeploymentStrategy } from 'kubernetes-types/apps/v1.d.ts';
import { field, type FieldError } from '../errors.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { isValidPercent, nameIsDNSSubdomain } from './names.ts';
import { validateSelectorAndTemplate } from './selector.ts';
import { child, deepEqual, FIELD_IMMUTABLE, goIntOrString, goLabelSelector, invalidGo, nonNegative } from './util.ts';

type IntOrString = number | string;

function positiveIntOrPercent(v: IntOrString | undefined, path: string): FieldError[] {
  if (v === undefined) return [];
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalidGo(path, goIntOrString(v), m));
  return nonNegative(v, path);
}

const intOrPercentValue = (v: IntOrString | undefined) =>
  typeof v === 'number' ? v : typeof v === 'string' && /^[0-9]+%$/.test(v) ? Number(v.slice(0, -1)) : -1;

function validateStrategy(s: DeploymentStrategy | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = s?.type ?? '';
  if (type === 'Recreate') {
    if (s?.rollingUpdate) errs.push(field.forbidden(child(path, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"));
  } else if (type === 'RollingUpdate') {
    const ru = s?.rollingUpdate;
    const rp = child(path, 'rollingUpdate');
    if (!ru) return [field.required(rp, 'this should be defaulted and never be nil')];
    const up = child(rp, 'maxUnavailable');
    errs.push(...positiveIntOrPercent(ru.maxUnavailable, up), ...positiveIntOrPercent(ru.maxSurge, child(rp, 'maxSurge')));
    if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
      errs.push(invalidGo(up, goIntOrString(ru.maxUnavailable ?? 0), 'may not be 0 when `maxSurge` is 0'));
    }
    if (typeof ru.maxUnavailable === 'string' && intOrPercentValue(ru.maxUnavailable) > 100) {
      errs.push(invalidGo(up, goIntOrString(ru.maxUnavailable), 'must not be greater than 100%'));
    }
  } else {
    errs.push(field.notSupported(child(path, 'type'), type, ['Recreate', 'RollingUpdate']));
  }
  return errs;
}

export function validateDeploymentSpec(d: Deployment): FieldError[] {
  const spec = d.spec;
  if (!spec) return [field.required('spec')];
  const errs = [
    ...nonNegative(spec.replicas, 'spec.replicas'),
    ...validateSelectorAndTemplate(spec.selector, spec.template, 'spec'),
    ...validateStrategy(spec.strategy, 'spec.strategy'),
    ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'),
  ];
  const pds = spec.progressDeadlineSeconds;
  if (pds != null) {
    errs.push(...nonNegative(pds, 'spec.progressDeadlineSeconds'));
    if (pds <= (spec.minReadySeconds ?? 0)) errs.push(field.invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

export function validateDeployment(d: Deployment): FieldError[] {
  return [...validateObjectMeta(d.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }), ...validateDeploymentSpec(d)];
}

export function validateDeploymentUpdate(d: Deployment, old: Deployment): FieldError[] {
  const errs = [...validateObjectMetaUpdate(d.metadata, old.metadata), ...validateDeploymentSpec(d)];
  if (!deepEqual(d.spec?.selector, old.spec?.selector)) errs.push(invalidGo('spec.selector', goLabelSelector(d.spec?.selector), FIELD_IMMUTABLE));
  return errs;
}
