import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unknownFields } from './fields.ts';
import { ensureBuilt } from './build-fixture.ts';

await ensureBuilt();

const container = { name: 'web', image: 'nginx', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '1', memory: '1Gi' } } };
const podSpec = { containers: [container] };

test('unknownFields', () => {
  const cases: { name: string; input: [string, string, unknown]; want: string[] }[] = [
    { name: 'valid pod', input: ['v1', 'Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { any: 'x' }, annotations: { 'a/b': 'c' } }, spec: podSpec }], want: [] },
    { name: 'top-level unknown', input: ['v1', 'Pod', { apiVersion: 'v1', kind: 'Pod', foo: 1, spec: podSpec }], want: ['foo'] },
    { name: 'spec.foo', input: ['apps/v1', 'Deployment', { spec: { foo: true, replicas: 1 } }], want: ['spec.foo'] },
    {
      name: 'misspelt field in a list item', input: ['apps/v1', 'Deployment',
        { spec: { template: { spec: { containers: [container, { name: 'b', image: 'x', imagePullPolcy: 'Always' }] } } } }],
      want: ['spec.template.spec.containers[1].imagePullPolcy'],
    },
    { name: 'several, in order', input: ['v1', 'Pod', { metadata: { nam: 'x' }, spec: { ...podSpec, bogus: 1 }, zzz: 2 }], want: ['metadata.nam', 'spec.bogus', 'zzz'] },
    { name: 'map values accept any key', input: ['v1', 'ConfigMap', { data: { 'what.ever': 'x' }, binaryData: { k: 'eA==' } }], want: [] },
    { name: 'map of objects checks the values', input: ['v1', 'Pod', { spec: { ...podSpec, overhead: { cpu: '1' } } }], want: [] },
    { name: 'free-form managedFields.fieldsV1', input: ['v1', 'Pod', { metadata: { managedFields: [{ manager: 'm', fieldsV1: { 'f:spec': {} } }] } }], want: [] },
    { name: 'int-or-string', input: ['apps/v1', 'Deployment', { spec: { strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } } } }], want: [] },
    { name: 'lease', input: ['coordination.k8s.io/v1', 'Lease', { spec: { holderIdentity: 'n', renewTime: '2024-01-01T00:00:00.000000Z', leaseDurationSecond: 40 } }], want: ['spec.leaseDurationSecond'] },
    { name: 'status is known', input: ['v1', 'Pod', { status: { phase: 'Running', podIP: '10.0.0.1' } }], want: [] },
    { name: 'scale in apps/v1 has no GVK there', input: ['apps/v1', 'Scale', { spec: { foo: 1 } }], want: [] },
    { name: 'unknown kind is not checked', input: ['v1', 'Nope', { foo: 1 }], want: [] },
    { name: 'unknown group-version is not checked', input: ['example.com/v1', 'Widget', { foo: 1 }], want: [] },
    { name: 'non-object input', input: ['v1', 'Pod', 'text'], want: [] },
  ];
  for (const c of cases) assert.deepEqual(unknownFields(...c.input), c.want, c.name);
});

test('unknownFields is fast on a deployment', () => {
  const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', labels: { a: 'b' } },
    spec: { replicas: 3, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: podSpec } } };
  unknownFields('apps/v1', 'Deployment', d);
  const t = performance.now();
  for (let i = 0; i < 10_000; i++) unknownFields('apps/v1', 'Deployment', d);
  const per = (performance.now() - t) / 10_000;
  assert.ok(per < 0.05, `${per} ms per check`);
});
