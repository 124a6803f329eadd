import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../../../scripts/openapi/generate.ts';

type Json = Record<string, any>;

const out = mkdtempSync(join(tmpdir(), 'k8ts-openapi-'));
const started = performance.now();
await generate(out);
const elapsed = performance.now() - started;
const read = (p: string): Json => JSON.parse(readFileSync(join(out, p), 'utf8'));
const docs: Record<string, Json> = {
  'api/v1': read('v3/api/v1.json'),
  'apis/apps/v1': read('v3/apis/apps/v1.json'),
  'apis/coordination.k8s.io/v1': read('v3/apis/coordination.k8s.io/v1.json'),
};
test.after(() => rmSync(out, { recursive: true, force: true }));

// The time is reported, not asserted: speed is measured in bench/, and a loaded machine would fail a timed test.
console.log(`# OpenAPI generation: ${Math.round(elapsed)} ms`);

test('Pod schema carries descriptions from kubernetes-types', () => {
  const s = docs['api/v1'].components.schemas;
  const spec = s['io.k8s.api.core.v1.Pod'].properties.spec;
  assert.deepEqual(spec.allOf, [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' }]);
  const containers = s['io.k8s.api.core.v1.PodSpec'].properties.containers;
  assert.match(containers.description, /List of containers belonging to the pod/);
  assert.equal(containers.type, 'array');
  assert.deepEqual(containers.items, { $ref: '#/components/schemas/io.k8s.api.core.v1.Container' });
  assert.match(s['io.k8s.api.core.v1.Container'].description, /single application container/);
  assert.deepEqual(s['io.k8s.api.core.v1.PodSpec'].required, ['containers']);
});

test('schema types', () => {
  const s = docs['api/v1'].components.schemas;
  const cases: { name: string; input: Json; want: Json }[] = [
    { name: 'int32', input: s['io.k8s.api.core.v1.ContainerPort'].properties.containerPort, want: { type: 'integer', format: 'int32' } },
    { name: 'int64', input: s['io.k8s.api.core.v1.PodSpec'].properties.terminationGracePeriodSeconds, want: { type: 'integer', format: 'int64' } },
    { name: 'map', input: s['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties.labels, want: { type: 'object', additionalProperties: { type: 'string' } } },
    { name: 'time', input: s['io.k8s.apimachinery.pkg.apis.meta.v1.Time'], want: { type: 'string', format: 'date-time' } },
    { name: 'quantity', input: s['io.k8s.apimachinery.pkg.api.resource.Quantity'], want: { type: 'string', 'x-kubernetes-int-or-string': true } },
    { name: 'int-or-string', input: s['io.k8s.apimachinery.pkg.util.intstr.IntOrString'], want: { 'x-kubernetes-int-or-string': true } },
    { name: 'ref to int-or-string', input: s['io.k8s.api.core.v1.HTTPGetAction'].properties.port, want: { allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString' }] } },
  ];
  for (const c of cases) {
    for (const [k, v] of Object.entries(c.want)) assert.deepEqual(c.input[k], v, `${c.name}: ${k}`);
  }
});

test('every served kind has x-kubernetes-group-version-kind', () => {
  const cases = [
    { doc: 'api/v1', def: 'io.k8s.api.core.v1.Pod', gvk: { group: '', version: 'v1', kind: 'Pod' } },
    { doc: 'api/v1', def: 'io.k8s.api.core.v1.PodList', gvk: { group: '', version: 'v1', kind: 'PodList' } },
    { doc: 'api/v1', def: 'io.k8s.api.core.v1.ConfigMap', gvk: { group: '', version: 'v1', kind: 'ConfigMap' } },
    { doc: 'apis/apps/v1', def: 'io.k8s.api.apps.v1.Deployment', gvk: { group: 'apps', version: 'v1', kind: 'Deployment' } },
    { doc: 'apis/apps/v1', def: 'io.k8s.api.autoscaling.v1.Scale', gvk: { group: 'autoscaling', version: 'v1', kind: 'Scale' } },
    { doc: 'apis/coordination.k8s.io/v1', def: 'io.k8s.api.coordination.v1.Lease', gvk: { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' } },
    { doc: 'apis/apps/v1', def: 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions', gvk: { group: 'apps', version: 'v1', kind: 'DeleteOptions' } },
  ];
  for (const c of cases) {
    const list = docs[c.doc].components.schemas[c.def]?.['x-kubernetes-group-version-kind'];
    assert.ok(list?.some((g: Json) => g.group === c.gvk.group && g.version === c.gvk.version && g.kind === c.gvk.kind), `${c.def} in ${c.doc}`);
  }
});

test('every $ref resolves inside its document', () => {
  for (const [gv, doc] of Object.entries(docs)) {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const r of refs) {
      const name = r.slice('"$ref":"#/components/schemas/'.length, -1);
      assert.ok(doc.components.schemas[name], `${gv}: ${r}`);
    }
  }
});

test('PATCH operations advertise fieldValidation and no strategic merge patch', () => {
  let patches = 0;
  for (const doc of Object.values(docs)) {
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      if (!item.patch) continue;
      patches++;
      const names = item.patch.parameters.filter((p: Json) => p.in === 'query').map((p: Json) => p.name);
      for (const want of ['fieldValidation', 'dryRun', 'fieldManager', 'force']) assert.ok(names.includes(want), `${path}: ${want}`);
      assert.deepEqual(Object.keys(item.patch.requestBody.content).sort(),
        ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json'], path);
      assert.ok(item.patch['x-kubernetes-group-version-kind'].kind, path);
      assert.equal(item.patch['x-kubernetes-action'], 'patch');
    }
  }
  const pod = docs['api/v1'].paths['/api/v1/namespaces/{namespace}/pods/{name}'].patch;
  assert.deepEqual(pod['x-kubernetes-group-version-kind'], { group: '', version: 'v1', kind: 'Pod' });
  assert.ok(docs['apis/apps/v1'].paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale'].patch);
  assert.ok(docs['api/v1'].paths['/api/v1/namespaces/{namespace}/pods/{name}/status'].patch);
  assert.ok(patches >= 15, `${patches} patch operations`);
});

test('index lists each document with the upper-case sha256 of its bytes', () => {
  const index = read('v3/index.json');
  assert.deepEqual(Object.keys(index.paths).sort(), Object.keys(docs).sort());
  for (const gv of Object.keys(docs)) {
    const hash = createHash('sha256').update(readFileSync(join(out, 'v3', `${gv}.json`))).digest('hex').toUpperCase();
    assert.equal(index.paths[gv].serverRelativeURL, `/openapi/v3/${gv}?hash=${hash}`);
  }
});

/** Reads the length-delimited fields of one protobuf message: field number → payloads. */
function fields(buf: Buffer): Map<number, Buffer[]> {
  const out = new Map<number, Buffer[]>();
  let i = 0;
  const varint = () => { let n = 0, shift = 0, b; do { b = buf[i++]; n += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80); return n; };
  while (i < buf.length) {
    const key = varint();
    assert.equal(key & 7, 2, 'only length-delimited fields are written');
    const len = varint();
    out.set(key >> 3, [...(out.get(key >> 3) ?? []), buf.subarray(i, i + len)]);
    i += len;
  }
  return out;
}

test('v2 protobuf is a gnostic Document with the JSON form\'s definitions', () => {
  const v2 = read('v2.json');
  const doc = fields(readFileSync(join(out, 'v2.pb')));
  assert.equal(doc.get(1)![0].toString(), '2.0');
  const named = fields(doc.get(9)![0]).get(1)!;
  assert.equal(named.length, Object.keys(v2.definitions).length);
  const pod = named.map(fields).find((n) => n.get(1)![0].toString() === 'io.k8s.api.core.v1.Pod')!;
  const schema = fields(pod.get(2)![0]);
  assert.match(schema.get(4)![0].toString(), /Pod is a collection of containers/);
  const ext = fields(schema.get(31)![0]);
  assert.equal(ext.get(1)![0].toString(), 'x-kubernetes-group-version-kind');
  assert.deepEqual(JSON.parse(fields(ext.get(2)![0]).get(2)![0].toString()), [{ group: '', version: 'v1', kind: 'Pod' }]);
  assert.equal(v2.definitions['io.k8s.api.core.v1.Pod'].properties.spec.$ref, '#/definitions/io.k8s.api.core.v1.PodSpec');
});
