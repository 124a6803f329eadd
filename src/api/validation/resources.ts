/**
 * Container resource requirements (ValidateResourceRequirements in
 * pkg/apis/core/validation/validation.go): resource names, non-negative quantities, requests
 * not above limits.
 */
import type { ResourceRequirements } from 'kubernetes-types/core/v1.d.ts';
import { field, type FieldError } from '../errors.ts';
import { compareQuantity, formatQuantity, milliValue, parseQuantity, QuantityError, type Quantity } from '../quantity.ts';
import { child, IS_NEGATIVE_ERROR, key, qualifiedName } from './util.ts';

const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage']);
const isStandard = (n: string) => STANDARD.has(n) || n.startsWith('hugepages-');
const isNative = (n: string) => !n.includes('/') || n.includes('kubernetes.io/');

function validateName(name: string, path: string): FieldError[] {
  const errs = qualifiedName(name, path);
  if (!name.includes('/')) {
    if (!isStandard(name)) errs.push(field.invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNative(name) && name.startsWith('requests.')) {
    errs.push(field.invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** Parses one quantity of a list; a malformed one is reported with the parser's message. */
function parseAt(value: unknown, path: string, errs: FieldError[]): Quantity | undefined {
  try {
    return parseQuantity(value as string | number);
  } catch (e) {
    if (!(e instanceof QuantityError)) throw e;
    errs.push(field.invalid(path, value, e.message));
    return undefined;
  }
}

function validateList(list: Record<string, unknown> | undefined, path: string, errs: FieldError[]): Map<string, Quantity> {
  const parsed = new Map<string, Quantity>();
  for (const [name, value] of Object.entries(list ?? {})) {
    const p = key(path, name);
    errs.push(...validateName(name, p));
    const q = parseAt(value, p, errs);
    if (!q) continue;
    parsed.set(name, q);
    if (q.nanos < 0n) errs.push(field.invalid(p, formatQuantity(q), IS_NEGATIVE_ERROR));
    // Extended resources (domain-prefixed, not native) are counted in whole units.
    if (!isNative(name) && milliValue(q) % 1000 !== 0) errs.push(field.invalid(p, formatQuantity(q), 'must be an integer'));
  }
  return parsed;
}

export function validateResources(r: ResourceRequirements | undefined, path: string): FieldError[] {
  if (!r) return [];
  const errs: FieldError[] = [];
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  const limits = validateList(r.limits as Record<string, unknown>, limPath, errs);
  const requests = validateList(r.requests as Record<string, unknown>, reqPath, errs);
  for (const [name, req] of requests) {
    const lim = limits.get(name);
    if (!lim) continue;
    const overcommitAllowed = isStandard(name) && !name.startsWith('hugepages-');
    if (!overcommitAllowed && compareQuantity(req, lim) !== 0) {
      errs.push(field.invalid(reqPath, formatQuantity(req), `must be equal to ${name} limit of ${formatQuantity(lim)}`));
    } else if (compareQuantity(req, lim) > 0) {
      errs.push(field.invalid(reqPath, formatQuantity(req), `must be less than or equal to ${name} limit of ${formatQuantity(lim)}`));
    }
  }
  return errs;
}
