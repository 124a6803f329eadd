/**
 * Label selectors: parse the `labelSelector` query string, convert metav1.LabelSelector,
 * match label sets, and print the canonical form. Behaviour and error wording follow
 * https://github.com/kubernetes/kubernetes/blob/v1.33.0/staging/src/k8s.io/apimachinery/pkg/labels/selector.go
 * and metav1 LabelSelectorAsSelector / FormatLabelSelector (apis/meta/v1/helpers.go).
 * Errors are thrown as 400 BadRequest StatusErrors carrying Kubernetes' message.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1.d.ts';
import { badRequest } from '../errors.ts';
import { scan, type Scanned, type Token } from './label-lexer.ts';
import {
  aggregate, keyError, requirementErrors, requirementMatches, requirementString, type Operator, type Requirement,
} from './label-requirement.ts';

export type { Operator, Requirement } from './label-requirement.ts';

/** AND of requirements, sorted by key. `nothing` is the selector of a nil metav1.LabelSelector. */
export interface Selector {
  readonly requirements: readonly Requirement[];
  readonly nothing?: boolean;
}

export const everything: Selector = { requirements: [] };
export const nothing: Selector = { requirements: [], nothing: true };

export function isEverything(s: Selector): boolean {
  return !s.nothing && s.requirements.length === 0;
}

export function matches(selector: Selector, labels: Record<string, string> | undefined): boolean {
  if (selector.nothing) return false;
  const set = labels ?? {};
  return selector.requirements.every((r) => requirementMatches(r, set));
}

/** Comma-joined canonical requirements; "" for everything and nothing (labels.Selector.String). */
export function selectorToString(selector: Selector): string {
  return selector.requirements.map(requirementString).join(',');
}

/** metav1.FormatLabelSelector: the canonical string, "<none>" when empty, "<error>" when invalid. */
export function formatLabelSelector(ls: LabelSelector | null | undefined): string {
  try {
    return selectorToString(fromLabelSelector(ls)) || '<none>';
  } catch {
    return '<error>';
  }
}

/** Builds a requirement, throwing NewRequirement's aggregated field errors. */
export function newRequirement(key: string, operator: Operator, values: readonly string[]): Requirement {
  const errs = requirementErrors(key, operator, values);
  if (errs.length) throw badRequest(aggregate(errs));
  return { key, operator, values: [...values] };
}

const byKey = (a: Requirement, b: Requirement) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

const expressionOps: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/** metav1.LabelSelectorAsSelector: nil selects nothing, {} selects everything. */
export function fromLabelSelector(ls: LabelSelector | null | undefined): Selector {
  if (!ls) return nothing;
  const labels = Object.entries(ls.matchLabels ?? {});
  const exprs = ls.matchExpressions ?? [];
  if (labels.length + exprs.length === 0) return everything;
  const reqs: Requirement[] = labels.map(([k, v]) => newRequirement(k, '=', [v]));
  for (const e of exprs) {
    const op = Object.hasOwn(expressionOps, e.operator) ? expressionOps[e.operator] : undefined;
    if (!op) throw badRequest(`${JSON.stringify(e.operator)} is not a valid label selector operator`);
    reqs.push(newRequirement(e.key, op, e.values ?? []));
  }
  return { requirements: reqs.sort(byKey) };
}

/** Parses a `labelSelector` string (labels.Parse). The empty string selects everything. */
export function parseLabelSelector(input: string): Selector {
  return { requirements: new Parser(scan(input)).parse().sort(byKey) };
}

class Parser {
  private readonly items: Scanned[];
  private pos = 0;
  constructor(items: Scanned[]) { this.items = items; }

  /** In value position the keywords "in" and "notin" are plain identifiers. */
  private peek(values = true): Scanned {
    return asValue(this.items[this.pos], values);
  }
  private next(values = true): Scanned {
    return asValue(this.items[this.pos++], values);
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.peek();
      if (tok === 'eos') return reqs;
      if (tok !== 'identifier' && tok !== '!') throw fail(`found '${lit}', expected: !, identifier, or 'end of string'`);
      try {
        reqs.push(this.requirement());
      } catch (e) {
        throw fail(`unable to parse requirement: ${(e as Error).message}`);
      }
      const after = this.next();
      if (after.tok === 'eos') return reqs;
      if (after.tok !== ',') throw fail(`found '${after.lit}', expected: ',' or 'end of string'`);
      const following = this.peek();
      if (following.tok !== 'identifier' && following.tok !== '!') {
        throw fail(`found '${following.lit}', expected: identifier after ','`);
      }
    }
  }

  private requirement(): Requirement {
    let op: Operator | undefined;
    let t = this.next();
    if (t.tok === '!') {
      op = '!';
      t = this.next();
    }
    if (t.tok !== 'identifier') throw new Error(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const ke = keyError(key, '<nil>');
    if (ke) throw new Error(ke);
    const ahead = this.peek().tok;
    if (op === '!' || ahead === 'eos' || ahead === ',') return checked(key, op ?? 'exists', []);
    const operator = this.operator();
    const values = operator === 'in' || operator === 'notin' ? this.valueSet() : this.exactValue();
    return checked(key, operator, [...new Set(values)].sort());
  }

  private operator(): Operator {
    const { tok, lit } = this.next(false);
    const op = binaryOps.get(tok);
    if (!op) throw new Error(`found '${lit}', expected: in, notin, =, ==, !=, gt, lt`);
    return op;
  }

  private valueSet(): string[] {
    const open = this.next();
    if (open.tok !== '(') throw new Error(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.peek();
    if (tok === ')') {
      this.next();
      return [''];
    }
    if (tok !== 'identifier' && tok !== ',') throw new Error(`found '${lit}', expected: ',', ')' or identifier`);
    const values = this.identifierList();
    this.next(); // the ')' that identifierList stopped at
    return values;
  }

  /** A possibly empty, comma-separated list of possibly empty values, up to ')'. */
  private identifierList(): string[] {
    const values: string[] = [];
    for (;;) {
      const { tok, lit } = this.next();
      if (tok === 'identifier') {
        values.push(lit);
        const ahead = this.peek();
        if (ahead.tok === ')') return values;
        if (ahead.tok !== ',') throw new Error(`found '${ahead.lit}', expected: ',' or ')'`);
      } else if (tok === ',') {
        if (values.length === 0) values.push('');
        const ahead = this.peek().tok;
        if (ahead === ')') {
          values.push('');
          return values;
        }
        if (ahead === ',') values.push('');
      } else {
        throw new Error(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private exactValue(): string[] {
    const ahead = this.peek().tok;
    if (ahead === 'eos' || ahead === ',') return [''];
    const { tok, lit } = this.next();
    if (tok !== 'identifier') throw new Error(`found '${lit}', expected: identifier`);
    return [lit];
  }
}

const binaryOps = new Map<Token, Operator>([
  ['in', 'in'], ['=', '='], ['==', '=='], ['>', 'gt'], ['<', 'lt'], ['notin', 'notin'], ['!=', '!='],
]);

function asValue(s: Scanned, values: boolean): Scanned {
  return values && (s.tok === 'in' || s.tok === 'notin') ? { tok: 'identifier', lit: s.lit } : s;
}

function checked(key: string, op: Operator, values: string[]): Requirement {
  const errs = requirementErrors(key, op, values);
  if (errs.length) throw new Error(aggregate(errs));
  return { key, operator: op, values };
}

const fail = (message: string) => badRequest(message);
