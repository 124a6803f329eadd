/**
 * Field paths as server-side apply names them. A path is a list of path elements, each kept
 * as its FieldsV1 token so that it can be compared, stored in maps and serialised as is:
 *   `f:<name>`   a field of a struct or a key of a map
 *   `k:<json>`   the element of an associative list whose key fields have these values
 *   `v:<json>`   the element of a set with this value
 *   `i:<n>`      the element at index n (lists without keys)
 *
 * Ordering and rendering follow sigs.k8s.io/structured-merge-diff/v4 fieldpath/element.go
 * (PathElement.Compare, PathElement.String) and value/ (Compare, ToString).
 */

export type PathElement = string;
export type Path = PathElement[];

export const fieldPE = (name: string): PathElement => `f:${name}`;
export const valuePE = (v: unknown): PathElement => `v:${canonicalJSON(v)}`;
export const indexPE = (i: number): PathElement => `i:${i}`;
/** Key fields are written sorted by name, as compact JSON (`k:{"containerPort":80,"protocol":"TCP"}`). */
export const keyPE = (fields: Record<string, unknown>): PathElement => `k:${canonicalJSON(fields)}`;

/** JSON with object keys sorted: one spelling per value, so tokens compare as strings. */
export function canonicalJSON(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJSON).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort(cmpStr).filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJSON(o[k])}`).join(',')}}`;
  }
  return v === undefined ? 'null' : JSON.stringify(v);
}

/** Byte-wise string order, as Go's strings.Compare (code units order is the same for BMP text). */
export function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const KIND_RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** Total order of path elements: fields, then keys, then values, then indexes. */
export function comparePE(a: PathElement, b: PathElement): number {
  if (a === b) return 0;
  const ka = KIND_RANK[a[0]] ?? 4;
  const kb = KIND_RANK[b[0]] ?? 4;
  if (ka !== kb) return ka - kb;
  // Same kind: the same two-character prefix, so field names compare as the whole tokens.
  if (a[0] === 'f') return cmpStr(a, b);
  switch (a[0]) {
    case 'i': return Number(a.slice(2)) - Number(b.slice(2));
    case 'v': return compareValues(tokenValue(a), tokenValue(b));
    default: return compareFieldLists(tokenValue(a) as Record<string, unknown>, tokenValue(b) as Record<string, unknown>);
  }
}

const parsedTokens = new Map<PathElement, unknown>();
/**
 * The JSON after a `k:`, `v:` or `i:` token's prefix, parsed once: sorting a field set's
 * tokens compares the same few (`k:{"type":"Ready"}`) over and over. The memo is emptied when
 * full, as tokens naming one object (`k:{"ip":…}`) would otherwise pile up. Throws on bad JSON.
 */
function tokenValue(token: PathElement): unknown {
  let v = parsedTokens.get(token);
  if (v === undefined) {
    v = JSON.parse(token.slice(2));
    if (parsedTokens.size >= 4096) parsedTokens.clear();
    parsedTokens.set(token, v);
  }
  return v;
}

/** Key field lists compare lexically: name, then value, field by field; shorter first on a tie. */
function compareFieldLists(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ka = Object.keys(a).sort(cmpStr);
  const kb = Object.keys(b).sort(cmpStr);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const c = cmpStr(ka[i], kb[i]) || compareValues(a[ka[i]], b[kb[i]]);
    if (c !== 0) return c;
  }
  return ka.length - kb.length;
}

/** Value order across types: numbers < strings < booleans < lists < maps < null. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = valueRank(a);
  const rb = valueRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number') return a - (b as number);
  if (typeof a === 'string') return cmpStr(a, b as string);
  if (typeof a === 'boolean') return Number(a) - Number(b);
  return cmpStr(canonicalJSON(a), canonicalJSON(b));
}

function valueRank(v: unknown): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (Array.isArray(v)) return 3;
  if (v !== null && typeof v === 'object') return 4;
  return 5;
}

/** Go's value.ToString: strings quoted, others as written. */
function renderValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(renderValue).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort(cmpStr).map((k) => `${k}=${renderValue(o[k])}`).join(',')}}`;
  }
  return String(v);
}

/** One element as Kubernetes prints it in conflict messages: `.image`, `[name="web"]`, `[=x]`, `[0]`. */
export function renderPE(pe: PathElement): string {
  const rest = pe.slice(2);
  switch (pe[0]) {
    case 'f': return `.${rest}`;
    case 'i': return `[${rest}]`;
    case 'v': return `[=${renderValue(tokenValue(pe))}]`;
    case 'k': {
      const o = tokenValue(pe) as Record<string, unknown>;
      return `[${Object.keys(o).sort(cmpStr).map((k) => `${k}=${renderValue(o[k])}`).join(',')}]`;
    }
    default: return '{{invalid path element}}';
  }
}

/** `.spec.containers[name="web"].image` */
export const renderPath = (p: Path): string => p.map(renderPE).join('');

/** Whether a FieldsV1 key is one of the element kinds we understand (others are dropped on decode, as upstream). */
export function isKnownPE(token: string): boolean {
  if (token.length < 2 || token[1] !== ':' || !(token[0] in KIND_RANK)) return false;
  if (token[0] === 'f') return true;
  try {
    const v = tokenValue(token);
    if (token[0] === 'i') return Number.isInteger(v);
    if (token[0] === 'k') return v !== null && typeof v === 'object' && !Array.isArray(v);
    return true;
  } catch {
    return false;
  }
}
