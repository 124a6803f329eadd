/** Node validation (ValidateNode, ValidateNodeUpdate): taints, pod CIDRs, resource quantities. */
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { field, type FieldError } from '../errors.ts';
import { tryParseQuantity } from '../quantity.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { isValidLabelValue, nameIsDNSSubdomain } from './names.ts';
import { child, deepEqual, index, key, qualifiedName } from './util.ts';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const CIDR = /^(\d{1,3}(\.\d{1,3}){3}\/\d{1,2}|[0-9a-fA-F:]+\/\d{1,3})$/;

function validateSpec(n: Node): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (n.spec?.taints ?? []).forEach((t, i) => {
    const p = index('spec.taints', i);
    errs.push(...qualifiedName(t.key, child(p, 'key')));
    if (t.value) errs.push(...isValidLabelValue(t.value).map((m) => field.invalid(child(p, 'value'), t.value, m)));
    if (!t.effect) errs.push(field.required(child(p, 'effect')));
    else if (!TAINT_EFFECTS.includes(t.effect)) errs.push(field.notSupported(child(p, 'effect'), t.effect, TAINT_EFFECTS));
    const id = `${t.key}:${t.effect}`;
    if (seen.has(id)) errs.push(field.duplicate(p, `${t.key}=${t.value ?? ''}:${t.effect}`));
    seen.add(id);
  });
  const cidrs = n.spec?.podCIDRs ?? [];
  cidrs.forEach((c, i) => {
    if (!CIDR.test(c)) errs.push(field.invalid(index('spec.podCIDRs', i), c, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
  });
  if (cidrs.length > 2) errs.push(field.tooMany('spec.podCIDRs', cidrs.length, 2));
  if (n.spec?.podCIDR && cidrs.length && n.spec.podCIDR !== cidrs[0]) {
    errs.push(field.invalid('spec.podCIDR', n.spec.podCIDR, 'must match the first element of `spec.podCIDRs`'));
  }
  for (const list of ['capacity', 'allocatable'] as const) {
    for (const [name, v] of Object.entries(n.status?.[list] ?? {})) {
      const q = tryParseQuantity(v);
      if (!q || q.nanos < 0n) errs.push(field.invalid(key(`status.${list}`, name), v, 'must be greater than or equal to 0'));
    }
  }
  return errs;
}

export function validateNode(n: Node): FieldError[] {
  return [...validateObjectMeta(n.metadata, { namespaced: false, nameFn: nameIsDNSSubdomain }), ...validateSpec(n)];
}

export function validateNodeUpdate(n: Node, old: Node): FieldError[] {
  const errs = [...validateObjectMetaUpdate(n.metadata, old.metadata), ...validateSpec(n)];
  // Pod CIDRs may be set once, never changed (ValidateNodeUpdate).
  const oldCidrs = old.spec?.podCIDRs ?? [];
  if (oldCidrs.length && !deepEqual(n.spec?.podCIDRs ?? [], oldCidrs)) {
    errs.push(field.forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
  }
  if (old.spec?.providerID && n.spec?.providerID !== old.spec.providerID) {
    errs.push(field.forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  return errs;
}
