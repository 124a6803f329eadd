import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { schemaFor } from '../patch/schema.ts';
import type { FieldSchema } from '../patch/schema.ts';
import { FieldSet, fromFieldsV1, toFieldsV1 } from './fieldset.ts';
import { fieldPE as f, indexPE, keyPE, renderPath, valuePE } from './path.ts';
import { compare } from './compare.ts';
import { fieldSetOf } from './walk.ts';

const enc = (s: FieldSet) => JSON.stringify(toFieldsV1(s));
const web = keyPE({ name: 'web' });

describe('FieldsV1 encoding', () => {
  const cases: { name: string; input: FieldSet; want: string }[] = [
    { name: 'empty', input: new FieldSet(), want: '{}' },
    {
      name: 'nested fields, keyed element member with children writes "." last',
      input: FieldSet.of([f('metadata'), f('labels'), f('app')], [f('spec'), f('containers'), web],
        [f('spec'), f('containers'), web, f('image')]),
      want: '{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"web\\"}":{"f:image":{},".":{}}}}}',
    },
    {
      name: 'order: fields by name, then keys, values (numbers, strings, booleans), indexes numerically',
      input: FieldSet.of([indexPE(10)], [indexPE(2)], [valuePE(true)], [valuePE('b')], [valuePE(3)],
        [keyPE({ protocol: 'TCP', containerPort: 80 })], [f('b')], [f('a')]),
      want: '{"f:a":{},"f:b":{},"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{},"v:3":{},"v:\\"b\\"":{},"v:true":{},"i:2":{},"i:10":{}}',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(enc(c.input), c.want);
      assert.ok(fromFieldsV1(c.want).equals(c.input), 'decode(encode(x)) == x');
    });
  }

  it('decodes upstream golden data and re-encodes it byte for byte', () => {
    const golden = '{"f:aaa":{"k:{\\"name\\":\\"second\\"}":{"v:3":{"f:aab":{}}},"v:3":{},"v:true":{}},"f:aab":{"f:aaa":{},"f:aaf":{"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{}}},"k:{\\"name\\":\\"first\\"}":{}},"i:1":{"i:3":{"f:aaf":{}}}}';
    assert.equal(enc(fromFieldsV1(golden)), golden);
  });

  it('drops element kinds it does not know', () => {
    assert.equal(enc(fromFieldsV1('{"f:aaa":{},"r:aab":{}}')), '{"f:aaa":{}}');
  });
});

describe('set operations', () => {
  const a = FieldSet.of([f('x')], [f('s'), f('a')], [f('s'), f('b')]);
  const b = FieldSet.of([f('y')], [f('s'), f('b')], [f('s')]);
  const cases: { name: string; input: FieldSet; want: string }[] = [
    { name: 'union', input: a.union(b), want: '{"f:s":{"f:a":{},"f:b":{},".":{}},"f:x":{},"f:y":{}}' },
    { name: 'intersection', input: a.intersection(b), want: '{"f:s":{"f:b":{}}}' },
    { name: 'difference keeps what is below a removed member', input: a.difference(b), want: '{"f:s":{"f:a":{}},"f:x":{}}' },
    { name: 'recursive difference removes what is below a member', input: a.recursiveDifference(b), want: '{"f:x":{}}' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(enc(c.input), c.want));

  it('does not change its operands', () => {
    a.union(b).difference(a);
    assert.equal(enc(a), '{"f:s":{"f:a":{},"f:b":{}},"f:x":{}}');
  });
});

describe('field set of an object', () => {
  const pod = schemaFor('v1', 'Pod') ?? assert.fail('no pod schema');
  const cases: { name: string; schema: FieldSchema | undefined; input: unknown; want: string }[] = [
    {
      name: 'pod: labels entries, keyed containers, scalar leaves',
      schema: pod,
      input: { metadata: { name: 'p', labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
      want: '{"f:metadata":{"f:labels":{"f:app":{}},"f:name":{}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"web\\"}":{"f:image":{},"f:name":{},".":{}}}}}',
    },
    {
      name: 'ports keyed by containerPort+protocol, protocol defaulted',
      schema: pod,
      input: { spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] } },
      want: '{"f:spec":{"f:containers":{"k:{\\"name\\":\\"c\\"}":{"f:name":{},"f:ports":{"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{"f:containerPort":{},".":{}}},".":{}}}}}',
    },
    {
      name: 'atomic list and atomic struct are single leaves; empty map is a leaf',
      schema: pod,
      input: { spec: { tolerations: [{ key: 'a' }], nodeSelector: { a: 'b' }, securityContext: {} } },
      want: '{"f:spec":{"f:nodeSelector":{},"f:securityContext":{},"f:tolerations":{}}}',
    },
    {
      name: 'sets by value',
      schema: pod,
      input: { metadata: { finalizers: ['b', 'a'] } },
      want: '{"f:metadata":{"f:finalizers":{"v:\\"a\\"":{},"v:\\"b\\"":{}}}}',
    },
    {
      name: 'unknown kind: lists atomic, maps walked',
      schema: undefined,
      input: { spec: { items: [1, 2], nested: { a: 1 } } },
      want: '{"f:spec":{"f:items":{},"f:nested":{"f:a":{}}}}',
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(enc(fieldSetOf(c.input, c.schema)), c.want));
});

describe('compare', () => {
  const pod = schemaFor('v1', 'Pod');
  it('reports added, removed and modified leaves', () => {
    const before = { spec: { containers: [{ name: 'a', image: '1' }, { name: 'b', image: '1' }] } };
    const after = { spec: { containers: [{ name: 'a', image: '2' }, { name: 'c', image: '1' }] } };
    const c = compare(before, after, pod);
    const p = (n: string, leaf?: string) => [f('spec'), f('containers'), keyPE({ name: n }), ...(leaf ? [f(leaf)] : [])];
    assert.deepEqual(c.modified.paths().map(renderPath), ['.spec.containers[name="a"].image']);
    assert.ok(c.added.equals(FieldSet.of(p('c'), p('c', 'image'), p('c', 'name'))));
    assert.ok(c.removed.equals(FieldSet.of(p('b'), p('b', 'image'), p('b', 'name'))));
  });
});

describe('rendering paths', () => {
  const cases: { name: string; input: string[]; want: string }[] = [
    { name: 'keyed element', input: [f('spec'), f('containers'), web, f('image')], want: '.spec.containers[name="web"].image' },
    { name: 'two keys sorted, numbers bare', input: [f('ports'), keyPE({ protocol: 'TCP', containerPort: 80 })], want: '.ports[containerPort=80,protocol="TCP"]' },
    { name: 'set value and index', input: [f('finalizers'), valuePE('x'), indexPE(0)], want: '.finalizers[="x"][0]' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(renderPath(c.input), c.want));
});
