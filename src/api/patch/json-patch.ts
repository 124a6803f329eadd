/**
 * JSON Patch (RFC 6902): add, remove, replace, move, copy, test.
 *
 * Like the apiserver (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go, applyJSPatch),
 * a patch that cannot be decoded is a 400 BadRequest and a patch that does not apply to the
 * object is a 422. Our messages name the operation's index, op and path.
 */
import { badRequest, StatusError } from '../errors.ts';
import { arrayIndex, getAt, parsePointer } from './json-pointer.ts';
import { clone } from '../meta.ts';
import { isObject, jsonEqual } from './json-value.ts';

interface Operation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string[];
  from: string[];
  value: unknown;
  /** "2 (replace /spec/replicas)", for messages. */
  label: string;
}

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

const unprocessable = (message: string) => new StatusError({ code: 422, reason: 'Invalid', message });

/** Applies `ops` (the parsed patch body) to a copy of `doc`. */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  const decoded = decodePatch(ops);
  let root = clone(doc);
  for (const op of decoded) root = applyOperation(root, op);
  return root;
}

function decodePatch(ops: unknown): Operation[] {
  if (!Array.isArray(ops)) throw badRequest('json patch must be a JSON array of operations');
  return ops.map((raw, i) => {
    if (!isObject(raw)) throw badRequest(`json patch operation ${i}: must be a JSON object`);
    const { op, path, from } = raw;
    if (typeof op !== 'string' || !OPS.has(op)) throw badRequest(`json patch operation ${i}: unsupported op ${JSON.stringify(op ?? null)}`);
    const label = `${i} (${op} ${typeof path === 'string' ? path : '?'})`;
    if (typeof path !== 'string') throw badRequest(`json patch operation ${label}: "path" must be a string`);
    const pathTokens = parsePointer(path);
    if (!pathTokens) throw badRequest(`json patch operation ${label}: invalid JSON pointer ${JSON.stringify(path)}`);
    let fromTokens: string[] = [];
    if (op === 'move' || op === 'copy') {
      if (typeof from !== 'string') throw badRequest(`json patch operation ${label}: "from" must be a string`);
      const t = parsePointer(from);
      if (!t) throw badRequest(`json patch operation ${label}: invalid JSON pointer ${JSON.stringify(from)}`);
      fromTokens = t;
    }
    if ((op === 'add' || op === 'replace' || op === 'test') && !Object.hasOwn(raw, 'value')) {
      throw badRequest(`json patch operation ${label}: missing "value"`);
    }
    return { op: op as Operation['op'], path: pathTokens, from: fromTokens, value: raw.value, label };
  });
}

function applyOperation(root: unknown, o: Operation): unknown {
  const fail = (why: string) => unprocessable(`json patch operation ${o.label}: ${why}`);
  switch (o.op) {
    case 'add': return add(root, o.path, clone(o.value), fail);
    case 'remove': remove(root, o.path, fail); return root;
    case 'replace':
      if (o.path.length === 0) return clone(o.value);
      replace(root, o.path, clone(o.value), fail);
      return root;
    case 'move': {
      if (isPrefix(o.from, o.path) && o.from.length < o.path.length) throw fail('cannot move a value into one of its own children');
      const v = existing(root, o.from, fail, 'from');
      if (o.from.length === 0) return v;
      remove(root, o.from, fail);
      return add(root, o.path, v, fail);
    }
    case 'copy': return add(root, o.path, clone(existing(root, o.from, fail, 'from')), fail);
    case 'test':
      if (!jsonEqual(existing(root, o.path, fail, 'path'), o.value)) throw fail('test failed: value differs');
      return root;
  }
}

function existing(root: unknown, tokens: string[], fail: (w: string) => StatusError, what: string): unknown {
  const v = getAt(root, tokens);
  if (v === undefined) throw fail(`${what} does not exist`);
  return v;
}

function add(root: unknown, tokens: string[], value: unknown, fail: (w: string) => StatusError): unknown {
  if (tokens.length === 0) return value;
  const parent = getAt(root, tokens.slice(0, -1));
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : arrayIndex(last);
    if (i === undefined || i > parent.length) throw fail(`array index ${last} out of range (length ${parent.length})`);
    parent.splice(i, 0, value);
  } else if (isObject(parent)) {
    parent[last] = value;
  } else {
    throw fail('parent of path does not exist');
  }
  return root;
}

function remove(root: unknown, tokens: string[], fail: (w: string) => StatusError): void {
  if (tokens.length === 0) throw fail('cannot remove the whole document');
  const parent = getAt(root, tokens.slice(0, -1));
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const i = arrayIndex(last);
    if (i === undefined || i >= parent.length) throw fail(`array index ${last} out of range (length ${parent.length})`);
    parent.splice(i, 1);
  } else if (isObject(parent) && Object.hasOwn(parent, last)) {
    delete parent[last];
  } else {
    throw fail('path does not exist');
  }
}

/** Replaces in place, so an object's key keeps its position. */
function replace(root: unknown, tokens: string[], value: unknown, fail: (w: string) => StatusError): void {
  const parent = getAt(root, tokens.slice(0, -1));
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const i = arrayIndex(last);
    if (i === undefined || i >= parent.length) throw fail(`array index ${last} out of range (length ${parent.length})`);
    parent[i] = value;
  } else if (isObject(parent) && Object.hasOwn(parent, last)) {
    parent[last] = value;
  } else {
    throw fail('path does not exist');
  }
}

const isPrefix = (a: string[], b: string[]) => a.length <= b.length && a.every((t, i) => t === b[i]);
