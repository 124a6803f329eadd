/**
 * Small helpers shared by the validators: field paths written as field.Path prints them
 * (`spec.containers[0].ports[1].name`, `data[key]`) and Go's %#v rendering of the few map and
 * struct values Kubernetes puts into messages.
 */
import { field, type FieldError } from '../errors.ts';
import { isQualifiedName } from './names.ts';

export const child = (path: string, name: string) => (path ? `${path}.${name}` : name);
export const index = (path: string, i: number) => `${path}[${i}]`;
export const key = (path: string, k: string) => `${path}[${k}]`;

export const IS_NEGATIVE_ERROR = 'must be greater than or equal to 0';
export const FIELD_IMMUTABLE = 'field is immutable';

/** ValidateNonnegativeField. */
export function nonNegative(value: number | undefined, path: string): FieldError[] {
  return value !== undefined && value < 0 ? [field.invalid(path, value, IS_NEGATIVE_ERROR)] : [];
}

/** IsQualifiedName messages as Invalid errors on one path. */
export function qualifiedName(value: string, path: string): FieldError[] {
  return isQualifiedName(value).map((m) => field.invalid(path, value, m));
}

/**
 * An Invalid error whose value Kubernetes prints with Go's %#v (a map or a struct). errors.ts
 * renders values as JSON, so the Go text goes into the detail and the value is left out:
 * the rendered message is then exactly Kubernetes'.
 */
export function invalidGo(path: string, goText: string, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field: path, detail: `${goText}: ${detail}` };
}

/**
 * Go's %v of a value decoded from JSON into interface{} (sigs.k8s.io/json keeps integers as
 * int64): `map[a:1 b:[x y]]` with keys sorted, `<nil>`, strings bare, fractions as %g
 * (shortest digits, an exponent from 1e+06 up or below 1e-04).
 */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${goValue(o[k])}`).join(' ')}]`;
  }
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : goFloat(v);
  return String(v);
}

function goFloat(n: number): string {
  const [mant, e] = n.toExponential().split('e');
  const exp = Number(e);
  if (exp >= -4 && exp < 6) return String(n);
  return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

const goQuote = (s: string) => JSON.stringify(s);

/** %#v of map[string]string: keys sorted, `map[string]string{"a":"b", "c":"d"}`. */
export function goStringMap(m: Record<string, string> | undefined): string {
  if (m === undefined || m === null) return 'map[string]string(nil)';
  const body = Object.keys(m).sort().map((k) => `${goQuote(k)}:${goQuote(m[k])}`).join(', ');
  return `map[string]string{${body}}`;
}

interface SelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** %#v of a v1.LabelSelector, as printed in `spec.selector: Invalid value: …` messages. */
export function goLabelSelector(s: SelectorLike | undefined): string {
  if (!s) return 'null';
  const values = (v: string[] | undefined) => (v ? `[]string{${v.map(goQuote).join(', ')}}` : '[]string(nil)');
  const exprs = s.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions.map((e) =>
      `v1.LabelSelectorRequirement{Key:${goQuote(e.key)}, Operator:${goQuote(e.operator)}, Values:${values(e.values)}}`).join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(s.matchLabels)}, MatchExpressions:${exprs}}`;
}

/** %#v of an intstr.IntOrString (Type 0 is an int, 1 a string). */
export function goIntOrString(v: number | string): string {
  return typeof v === 'number'
    ? `intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}`
    : `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
}

/** Deep equality of JSON values, treating absent and undefined alike. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
