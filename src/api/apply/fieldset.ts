/**
 * A set of field paths (what one manager owns) and its FieldsV1 encoding, the JSON that
 * Kubernetes stores in `metadata.managedFields[].fieldsV1`:
 *   {"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{"f:image":{},".":{}}}}}
 * A path is a *member* when it is itself in the set; a node with children is written as an
 * object of its children, plus `"."` when it is also a member.
 *
 * Follows sigs.k8s.io/structured-merge-diff/v4 fieldpath/set.go (Union, Intersection,
 * Difference, RecursiveDifference) and fieldpath/serialize.go (ToJSON: children in
 * path-element order, `"."` written last; unknown element kinds dropped on read).
 */
import { comparePE, isKnownPE } from './path.ts';
import type { Path, PathElement } from './path.ts';

/** FieldsV1 as JSON: every key maps to an object; `{}` marks a leaf member. */
export type FieldsV1 = { [token: string]: FieldsV1 };

export class FieldSet {
  readonly members = new Set<PathElement>();
  readonly children = new Map<PathElement, FieldSet>();

  static of(...paths: Path[]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  /** Adds a path in place (builders only; the set operations below never mutate). */
  insert(path: Path): this {
    if (path.length > 0) this.parentOf(path).members.add(path[path.length - 1]);
    return this;
  }

  /** The subtree holding `path`'s last element (all but it as a prefix), made where missing (builders only). */
  parentOf(path: Path): FieldSet {
    let node: FieldSet = this;
    for (let i = 0; i < path.length - 1; i++) {
      let next = node.children.get(path[i]);
      if (!next) node.children.set(path[i], (next = new FieldSet()));
      node = next;
    }
    return node;
  }

  has(path: Path): boolean {
    const parent = this.child(path.slice(0, -1));
    return path.length > 0 && parent !== undefined && parent.members.has(path[path.length - 1]);
  }

  /** The subtree under a path prefix (undefined when nothing is below it). */
  child(prefix: Path): FieldSet | undefined {
    let node: FieldSet | undefined = this;
    for (const pe of prefix) node = node?.children.get(pe);
    return node;
  }

  isEmpty(): boolean {
    if (this.members.size > 0) return false;
    for (const c of this.children.values()) if (!c.isEmpty()) return false;
    return true;
  }

  /** Whether a path is in both sets: difference(o) would drop something. Allocates nothing. */
  overlaps(o: FieldSet): boolean {
    for (const m of this.members) if (o.members.has(m)) return true;
    for (const [pe, c] of this.children) {
      const oc = o.children.get(pe);
      if (oc && c.overlaps(oc)) return true;
    }
    return false;
  }

  equals(o: FieldSet): boolean {
    return this.difference(o).isEmpty() && o.difference(this).isEmpty();
  }

  // The operations share unchanged subtrees between their operands and results (no set is
  // changed once built), and answer an operand itself when the result would equal it: a
  // create's field set was copied whole three times on its way into managedFields.
  union(o: FieldSet): FieldSet {
    if (o.isEmpty()) return this;
    if (this.isEmpty()) return o;
    const out = new FieldSet();
    for (const m of this.members) out.members.add(m);
    for (const m of o.members) out.members.add(m);
    for (const [pe, c] of this.children) {
      const oc = o.children.get(pe);
      out.setChild(pe, oc ? c.union(oc) : c);
    }
    for (const [pe, c] of o.children) if (!this.children.has(pe)) out.setChild(pe, c);
    return out;
  }

  intersection(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (o.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      const oc = o.children.get(pe);
      if (oc) out.setChild(pe, c.intersection(oc));
    }
    return out;
  }

  /** Paths in this set and not in `o`; a member of `o` does not remove the paths below it. */
  difference(o: FieldSet): FieldSet {
    if (!this.overlaps(o)) return this;
    const out = new FieldSet();
    for (const m of this.members) if (!o.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      const oc = o.children.get(pe);
      out.setChild(pe, oc ? c.difference(oc) : c);
    }
    return out;
  }

  /** Like difference, but a member of `o` also removes everything below it. */
  recursiveDifference(o: FieldSet): FieldSet {
    if (!this.#cutBy(o)) return this;
    const out = new FieldSet();
    for (const m of this.members) if (!o.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      if (o.members.has(pe)) continue;
      const oc = o.children.get(pe);
      out.setChild(pe, oc ? c.recursiveDifference(oc) : c);
    }
    return out;
  }

  /** Whether recursiveDifference(o) would drop something. Allocates nothing. */
  #cutBy(o: FieldSet): boolean {
    for (const m of this.members) if (o.members.has(m)) return true;
    for (const [pe, c] of this.children) {
      if (o.members.has(pe)) return true;
      const oc = o.children.get(pe);
      if (oc && c.#cutBy(oc)) return true;
    }
    return false;
  }

  /** Every member path: this level's members in order, then each child's (as fieldpath Set.Iterate). */
  paths(prefix: Path = []): Path[] {
    const out: Path[] = [...this.members].sort(comparePE).map((m) => [...prefix, m]);
    for (const pe of [...this.children.keys()].sort(comparePE)) out.push(...this.children.get(pe)!.paths([...prefix, pe]));
    return out;
  }

  /** A set with its own top level (members may be changed), sharing the subtrees below. */
  clone(): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) out.members.add(m);
    for (const [pe, c] of this.children) out.children.set(pe, c);
    return out;
  }

  private setChild(pe: PathElement, c: FieldSet): void {
    if (!c.isEmpty()) this.children.set(pe, c);
  }
}

/** Encodes a set as FieldsV1, byte for byte as the API server writes it (key order matters to diffs). */
export function toFieldsV1(s: FieldSet): FieldsV1 {
  return emit(s, false);
}

function emit(s: FieldSet, self: boolean): FieldsV1 {
  const out: FieldsV1 = {};
  const tokens = [...s.members];
  for (const pe of s.children.keys()) if (!s.members.has(pe)) tokens.push(pe);
  for (const pe of tokens.sort(comparePE)) {
    const c = s.children.get(pe);
    out[pe] = c && !c.isEmpty() ? emit(c, s.members.has(pe)) : {};
  }
  if (self && Object.keys(out).length > 0) out['.'] = {};
  return out;
}

/** Decodes FieldsV1 (object or JSON text). Element kinds we do not know are dropped, as upstream does. */
export function fromFieldsV1(v: FieldsV1 | string | undefined | null): FieldSet {
  const obj = typeof v === 'string' ? (JSON.parse(v) as FieldsV1) : v;
  const out = new FieldSet();
  if (obj && typeof obj === 'object') read(obj, out);
  return out;
}

function read(obj: FieldsV1, into: FieldSet): void {
  for (const [token, sub] of Object.entries(obj)) {
    if (token === '.' || !isKnownPE(token)) continue;
    const entries = sub && typeof sub === 'object' ? Object.keys(sub) : [];
    if (entries.length === 0 || entries.includes('.')) into.members.add(token);
    if (entries.some((k) => k !== '.')) {
      const c = new FieldSet();
      read(sub, c);
      if (!c.isEmpty()) into.children.set(token, c);
      else if (!into.members.has(token)) into.members.add(token);
    }
  }
}
