/**
 * One label-selector requirement: construction with Kubernetes' validation and messages,
 * matching, and canonical text. Mirrors labels.NewRequirement / Requirement.Matches /
 * Requirement.String in
 * https://github.com/kubernetes/kubernetes/blob/v1.33.0/staging/src/k8s.io/apimachinery/pkg/labels/selector.go
 */
import { isQualifiedName, isValidLabelValue } from './label-syntax.ts';

/** selection.Operator values, spelled as Kubernetes spells them. */
export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

/** A field.Error rendered as `<path>: Invalid value: <value>: <detail>`. */
export function invalidValue(path: string, value: string | readonly string[], detail: string): string {
  return `${path}: Invalid value: ${goValue(value)}: ${detail}`;
}

/** Go's %q for strings and %#v for []string, as field.Error prints bad values. */
function goValue(v: string | readonly string[]): string {
  if (typeof v === 'string') return JSON.stringify(v);
  return `[]string{${v.map((x) => JSON.stringify(x)).join(', ')}}`;
}

/** utilerrors.Aggregate: one message alone, several as "[a, b]". */
export function aggregate(errs: string[]): string {
  return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
}

/** Key syntax error (or undefined) for the given field path. */
export function keyError(key: string, path: string): string | undefined {
  const errs = isQualifiedName(key);
  return errs.length ? invalidValue(path, key, errs.join('; ')) : undefined;
}

/**
 * Problems with a requirement, as NewRequirement reports them (field paths "key",
 * "values", "values[i]", "values[i][key]"). Empty when the requirement is valid.
 */
export function requirementErrors(key: string, operator: Operator, values: readonly string[]): string[] {
  const errs: string[] = [];
  const k = keyError(key, 'key');
  if (k) errs.push(k);
  switch (operator) {
    case 'in': case 'notin':
      if (values.length === 0) errs.push(invalidValue('values', values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=': case '==': case '!=':
      if (values.length !== 1) errs.push(invalidValue('values', values, 'exact-match compatibility requires one single value'));
      break;
    case 'exists': case '!':
      if (values.length !== 0) errs.push(invalidValue('values', values, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt': case 'lt':
      if (values.length !== 1) errs.push(invalidValue('values', values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(invalidValue(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
  }
  values.forEach((v, i) => {
    const ve = isValidLabelValue(v);
    if (ve.length) errs.push(invalidValue(`values[${i}][${key}]`, v, ve.join('; ')));
  });
  return errs;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64): optional sign, decimal digits, within int64. */
export function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

export function requirementMatches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'in': case '=': case '==':
      return has && r.values.includes(value!);
    case 'notin': case '!=':
      return !has || !r.values.includes(value!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt': case 'lt': {
      if (!has || r.values.length !== 1) return false;
      const have = parseInt64(value!);
      const want = parseInt64(r.values[0]);
      if (have === undefined || want === undefined) return false;
      return r.operator === 'gt' ? have > want : have < want;
    }
  }
}

const opText: Record<Operator, string> = {
  'in': ' in ', 'notin': ' notin ', '=': '=', '==': '==', '!=': '!=', 'gt': '>', 'lt': '<', 'exists': '', '!': '',
};

/** Canonical text: `k=v`, `k in (a,b)` (values sorted), `k`, `!k`, `k>3`. */
export function requirementString(r: Requirement): string {
  if (r.operator === 'exists') return r.key;
  if (r.operator === '!') return `!${r.key}`;
  const vals = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(',');
  const set = r.operator === 'in' || r.operator === 'notin';
  return `${r.key}${opText[r.operator]}${set ? `(${vals})` : vals}`;
}
