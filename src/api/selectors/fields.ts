/**
 * Field selectors (`fieldSelector` query parameter): parse, match and print, following
 * https://github.com/kubernetes/kubernetes/blob/v1.33.0/staging/src/k8s.io/apimachinery/pkg/fields/selector.go
 * Terms are comma-separated and ANDed; each is `field=value`, `field==value` or `field!=value`.
 * In values, `\,` `\=` and `\\` escape; an unescaped `=` or `,` in a value is an error.
 * Which fields a resource supports lives in field-sets.ts.
 */
import { badRequest } from '../errors.ts';

export type FieldOperator = '=' | '==' | '!=';

export interface FieldRequirement {
  readonly field: string;
  readonly operator: FieldOperator;
  readonly value: string;
}

/** AND of terms; no terms selects everything. */
export interface FieldSelector { readonly terms: readonly FieldRequirement[] }

/** Parses a field selector; throws 400 BadRequest with Kubernetes' message on bad syntax. */
export function parseFieldSelector(input: string): FieldSelector {
  // Upstream sorts the raw terms before parsing, so errors report the first term in sorted order.
  const parts = splitTerms(input).sort();
  const terms: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) throw badRequest(`invalid selector: '${input}'; can't understand '${part}'`);
    terms.push({ field: split.field, operator: split.operator, value: unescapeValue(split.rhs) });
  }
  return { terms };
}

/** Fields missing from the set read as "" (fields.Set.Get). */
export function matchesFields(selector: FieldSelector, fields: Record<string, string>): boolean {
  return selector.terms.every((t) => {
    const have = Object.hasOwn(fields, t.field) ? fields[t.field] : '';
    return t.operator === '!=' ? have !== t.value : have === t.value;
  });
}

export function fieldSelectorToString(selector: FieldSelector): string {
  return selector.terms.map((t) => `${t.field}${t.operator === '!=' ? '!=' : '='}${escapeValue(t.value)}`).join(',');
}

/** The value an `=`/`==` term demands for `field`, if any (RequiresExactMatch), e.g. spec.nodeName for a kubelet's watch. */
export function requiresExactMatch(selector: FieldSelector, field: string): string | undefined {
  return selector.terms.find((t) => t.field === field && t.operator !== '!=')?.value;
}

export function escapeValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** Splits on commas that are not backslash-escaped; escapes stay in the terms. */
function splitTerms(input: string): string[] {
  if (input === '') return [];
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
    else if (c === ',') {
      terms.push(input.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(input.slice(start));
  return terms;
}

/** The first operator occurrence splits the term; "!=" and "==" win over "=" at the same spot. */
function splitTerm(term: string): { field: string; operator: FieldOperator; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) return { field: term.slice(0, i), operator: op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let escaped = false;
  for (const c of s) {
    if (escaped) {
      if (c !== '\\' && c !== ',' && c !== '=') throw badRequest(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      escaped = false;
    } else if (c === '\\') {
      escaped = true;
    } else if (c === ',' || c === '=') {
      // Go prints the rune with %v, i.e. as its code point number.
      throw badRequest(`invalid field selector: unescapedRune character in value: ${c.codePointAt(0)}`);
    } else {
      out += c;
    }
  }
  if (escaped) throw badRequest('invalid field selector: invalid escape sequence: \\');
  return out;
}
