/**
 * PodSpec validation shared by pods and pod templates (ValidatePodSpec in
 * pkg/apis/core/validation/validation.go, v1.30).
 */
import type { PodSpec, PodTemplateSpec, Toleration } from 'kubernetes-types/core/v1.d.ts';
import { field, type FieldError } from '../errors.ts';
import { isDNS1123Subdomain, isValidLabelValue, inclusiveRangeError } from './names.ts';
import { validateContainer, dns1123Label } from './container.ts';
import { validateVolumes } from './volumes.ts';
import { validateAnnotations, validateLabels } from './meta.ts';
import { child, index, qualifiedName } from './util.ts';

const MAX_INT32 = 2 ** 31 - 1;
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTolerations(tolerations: Toleration[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const ip = index(path, i);
    if (t.key) errs.push(...qualifiedName(t.key, child(ip, 'key')));
    if (!t.key && t.operator !== 'Exists') {
      errs.push(field.invalid(child(ip, 'operator'), t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds != null && t.effect !== 'NoExecute') {
      errs.push(field.invalid(child(ip, 'effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (!t.operator || t.operator === 'Equal') {
      const msgs = isValidLabelValue(t.value ?? '');
      if (msgs.length) errs.push(field.invalid(child(ip, 'operator'), t.value ?? '', msgs.join(';')));
    } else if (t.operator === 'Exists') {
      if (t.value) errs.push({ type: 'FieldValueInvalid', field: child(ip, 'operator'), detail: "value must be empty when `operator` is 'Exists'" });
    } else {
      errs.push(field.notSupported(child(ip, 'operator'), t.operator, ['Equal', 'Exists']));
    }
    if (t.effect && !TAINT_EFFECTS.includes(t.effect)) errs.push(field.notSupported(child(ip, 'effect'), t.effect, TAINT_EFFECTS));
  });
  return errs;
}

function subdomain(value: string | undefined, path: string): FieldError[] {
  return value ? isDNS1123Subdomain(value).map((m) => field.invalid(path, value, m)) : [];
}

export function validatePodSpec(spec: PodSpec | undefined, path: string): FieldError[] {
  if (!spec) return [field.required(path)];
  const errs: FieldError[] = [];
  const { errs: volErrs, names: volumes } = validateVolumes(spec.volumes, child(path, 'volumes'));
  errs.push(...volErrs);
  const hostNetwork = !!spec.hostNetwork;
  const names = new Set<string>();
  const groups = [
    { list: spec.containers, name: 'containers', isInit: false },
    { list: spec.initContainers, name: 'initContainers', isInit: true },
  ];
  for (const g of groups) {
    const gp = child(path, g.name);
    if (g.name === 'containers' && !g.list?.length) errs.push(field.required(gp));
    (g.list ?? []).forEach((c, i) => {
      const cp = index(gp, i);
      errs.push(...validateContainer(c, cp, { volumes, isInit: g.isInit, hostNetwork }));
      if (c.name && names.has(c.name)) errs.push(field.duplicate(child(cp, 'name'), c.name));
      names.add(c.name);
    });
  }
  (spec.ephemeralContainers ?? []).forEach((c, i) => {
    const cp = index(child(path, 'ephemeralContainers'), i);
    if (!c.name) errs.push(field.required(child(cp, 'name')));
    else errs.push(...dns1123Label(c.name, child(cp, 'name')));
    if (c.name && names.has(c.name)) errs.push(field.duplicate(child(cp, 'name'), c.name));
    if (!c.image) errs.push(field.required(child(cp, 'image')));
    names.add(c.name);
  });
  const rp = spec.restartPolicy;
  if (!rp) errs.push(field.required(child(path, 'restartPolicy')));
  else if (!RESTART_POLICIES.includes(rp)) errs.push(field.notSupported(child(path, 'restartPolicy'), rp, RESTART_POLICIES));
  const dp = spec.dnsPolicy;
  if (!dp) errs.push(field.required(child(path, 'dnsPolicy')));
  else if (!DNS_POLICIES.includes(dp)) errs.push(field.notSupported(child(path, 'dnsPolicy'), dp, DNS_POLICIES));
  errs.push(...validateLabels(spec.nodeSelector, child(path, 'nodeSelector')));
  errs.push(...subdomain(spec.serviceAccountName, child(path, 'serviceAccountName')));
  errs.push(...subdomain(spec.nodeName, child(path, 'nodeName')));
  errs.push(...subdomain(spec.priorityClassName, child(path, 'priorityClassName')));
  if (spec.hostname) errs.push(...dns1123Label(spec.hostname, child(path, 'hostname')));
  if (spec.subdomain) errs.push(...dns1123Label(spec.subdomain, child(path, 'subdomain')));
  const ads = spec.activeDeadlineSeconds;
  if (ads != null && (ads < 1 || ads > MAX_INT32)) errs.push(field.invalid(child(path, 'activeDeadlineSeconds'), ads, inclusiveRangeError(1, MAX_INT32)));
  errs.push(...validateTolerations(spec.tolerations, child(path, 'tolerations')));
  return errs;
}

/** ValidatePodTemplateSpec: template labels and annotations, then the spec. */
export function validatePodTemplate(t: PodTemplateSpec | undefined, path: string): FieldError[] {
  if (!t) return [field.required(path)];
  return [
    ...validateLabels(t.metadata?.labels, child(child(path, 'metadata'), 'labels')),
    ...validateAnnotations(t.metadata?.annotations, child(child(path, 'metadata'), 'annotations')),
    ...validatePodSpec(t.spec, child(path, 'spec')),
  ];
}
