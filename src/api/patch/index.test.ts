import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStatusError } from '../errors.ts';
import { applyPatch } from './index.ts';
import { schemaFor } from './schema.ts';

const live = () => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: { replicas: 1, template: { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } } },
});
const schema = schemaFor('apps/v1', 'Deployment');

const ok: { name: string; input: { type: string; body: string | Buffer }; want: unknown }[] = [
  {
    name: 'json patch', input: { type: 'application/json-patch+json', body: '[{"op":"replace","path":"/spec/replicas","value":3}]' },
    want: { ...live(), spec: { ...live().spec, replicas: 3 } },
  },
  {
    name: 'merge patch replaces lists', input: { type: 'application/merge-patch+json', body: '{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"z"}]}}}}' },
    want: { ...live(), spec: { replicas: 1, template: { spec: { containers: [{ name: 'a', image: 'z' }] } } } },
  },
  {
    name: 'strategic patch merges lists by key, body as Buffer, charset parameter',
    input: { type: 'application/strategic-merge-patch+json; charset=utf-8', body: Buffer.from('{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"z"}]}}}}') },
    want: { ...live(), spec: { replicas: 1, template: { spec: { containers: [{ name: 'a', image: 'z' }, { name: 'b', image: 'y' }] } } } },
  },
];

for (const c of ok) {
  test(`applyPatch: ${c.name}`, () => {
    const l = live();
    assert.deepEqual(applyPatch(c.input.type, l, c.input.body, schema), c.want);
    assert.deepEqual(l, live());
  });
}

const bad: { name: string; input: { type: string; body: string }; want: { code: number; message: RegExp } }[] = [
  { name: 'undecodable body', input: { type: 'application/merge-patch+json', body: '{"spec":' }, want: { code: 400, message: /^error decoding patch: / } },
  { name: 'unknown content type', input: { type: 'application/xml', body: '{}' }, want: { code: 415, message: /accepted media types include: application\/json-patch\+json/ } },
  { name: 'apply patches are not handled here', input: { type: 'application/apply-patch+yaml', body: '{}' }, want: { code: 415, message: /unknown format/ } },
  { name: 'json patch that replaces the object with a scalar', input: { type: 'application/json-patch+json', body: '[{"op":"replace","path":"","value":1}]' }, want: { code: 422, message: /must be a JSON object/ } },
  { name: 'strategic patch that is a list', input: { type: 'application/strategic-merge-patch+json', body: '[]' }, want: { code: 400, message: /must be a JSON object/ } },
];

for (const c of bad) {
  test(`applyPatch error: ${c.name}`, () => {
    assert.throws(() => applyPatch(c.input.type, live(), c.input.body, schema), (e: unknown) => {
      assert.ok(isStatusError(e));
      assert.equal(e.code, c.want.code);
      assert.match(e.message, c.want.message);
      return true;
    });
  });
}
