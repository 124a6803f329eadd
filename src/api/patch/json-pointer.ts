/**
 * JSON Pointer (RFC 6901) parsing and lookup, for JSON Patch.
 */
import { isObject } from './json-value.ts';

/** Splits a pointer into unescaped reference tokens; "" is the whole document. Returns undefined when malformed. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  const tokens: string[] = [];
  for (const raw of pointer.slice(1).split('/')) {
    if (/~[^01]|~$/.test(raw)) return undefined;
    // ~1 first, then ~0, so "~01" decodes to "~1" as the RFC requires.
    tokens.push(raw.replaceAll('~1', '/').replaceAll('~0', '~'));
  }
  return tokens;
}

/** An array index token: digits without leading zeros. */
export function arrayIndex(token: string): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined;
}

/** The value at `tokens`, or undefined when any step is missing. */
export function getAt(root: unknown, tokens: string[]): unknown {
  let cur: unknown = root;
  for (const t of tokens) {
    if (Array.isArray(cur)) {
      const i = arrayIndex(t);
      if (i === undefined || i >= cur.length) return undefined;
      cur = cur[i];
    } else if (isObject(cur)) {
      if (!Object.hasOwn(cur, t)) return undefined;
      cur = cur[t];
    } else {
      return undefined;
    }
  }
  return cur;
}
