/**
 * Label selectors (metav1 validation.ValidateLabelSelector) and the template check shared by
 * Deployment and ReplicaSet (ValidatePodTemplateSpecForReplicaSet in pkg/apis/apps/validation).
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1.d.ts';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.d.ts';
import { field, type FieldError } from '../errors.ts';
import { validateLabels } from './meta.ts';
import { validatePodTemplate } from './pod-spec.ts';
import { child, goLabelSelector, goStringMap, index, invalidGo, qualifiedName } from './util.ts';

export function validateLabelSelector(s: LabelSelector, path: string): FieldError[] {
  const errs = validateLabels(s.matchLabels, child(path, 'matchLabels'));
  (s.matchExpressions ?? []).forEach((e, i) => {
    const ip = index(child(path, 'matchExpressions'), i);
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (!e.values?.length) errs.push(field.required(child(ip, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (e.values?.length) errs.push(field.forbidden(child(ip, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      errs.push(field.invalid(child(ip, 'operator'), e.operator, 'not a valid selector operator'));
    }
    errs.push(...qualifiedName(e.key, child(ip, 'key')));
  });
  return errs;
}

export function selectorMatches(s: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of s.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const inValues = has && (e.values ?? []).includes(labels[e.key]);
    if (e.operator === 'In' && !inValues) return false;
    if (e.operator === 'NotIn' && inValues) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** spec.selector and spec.template of a Deployment or ReplicaSet. */
export function validateSelectorAndTemplate(selector: LabelSelector | undefined, template: PodTemplateSpec | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const sp = child(path, 'selector');
  const tp = child(path, 'template');
  if (!selector) {
    errs.push(field.required(sp));
  } else {
    errs.push(...validateLabelSelector(selector, sp));
    // Kubernetes says "for deployment" for ReplicaSets too.
    if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions?.length ?? 0) === 0) {
      errs.push(invalidGo(sp, goLabelSelector(selector), 'empty selector is invalid for deployment'));
    }
  }
  if (!template) return [...errs, field.required(tp)];
  const labels = template.metadata?.labels ?? {};
  const nonEmpty = selector && (Object.keys(selector.matchLabels ?? {}).length || selector.matchExpressions?.length);
  if (nonEmpty && !selectorMatches(selector, labels)) {
    errs.push(invalidGo(child(child(tp, 'metadata'), 'labels'), goStringMap(template.metadata?.labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplate(template, tp));
  const rp = template.spec?.restartPolicy;
  if (template.spec && rp !== 'Always' && rp) errs.push(field.notSupported(child(child(tp, 'spec'), 'restartPolicy'), rp, ['Always']));
  if (template.spec?.activeDeadlineSeconds != null) {
    errs.push(field.invalid(child(child(tp, 'spec'), 'activeDeadlineSeconds'), template.spec.activeDeadlineSeconds, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}
