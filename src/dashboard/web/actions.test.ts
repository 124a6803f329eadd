import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { imagePatch, pausePatch, restartPatch, rollbackPatch, scalePatch } from './actions.ts';

const d: Deployment = { metadata: { name: 'web' }, spec: { selector: {}, template: { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } } } };

test('deployment patches', () => {
  const rs: ReplicaSet = { metadata: { name: 'web-1' }, spec: { selector: {}, template: { metadata: { labels: { app: 'web', 'pod-template-hash': 'h' } }, spec: { containers: [{ name: 'a', image: 'old' }] } } } };
  const cases = [
    { name: 'scale', input: scalePatch(3), want: { type: 'application/merge-patch+json', body: { spec: { replicas: 3 } } } },
    { name: 'pause', input: pausePatch(true), want: { type: 'application/merge-patch+json', body: { spec: { paused: true } } } },
    { name: 'restart', input: restartPatch(new Date('2026-01-01T00:00:00Z')), want: { type: 'application/merge-patch+json', body: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00.000Z' } } } } } } },
    { name: 'image of the second container', input: imagePatch(d, 'b', 'z'), want: { type: 'application/json-patch+json', body: [
      { op: 'test', path: '/spec/template/spec/containers/1/name', value: 'b' }, { op: 'replace', path: '/spec/template/spec/containers/1/image', value: 'z' }] } },
    { name: 'rollback drops pod-template-hash', input: rollbackPatch(rs), want: { type: 'application/json-patch+json', body: [
      { op: 'replace', path: '/spec/template', value: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'old' }] } } }] } },
  ];
  for (const c of cases) assert.deepEqual(c.input, c.want, c.name);
  assert.equal(rs.spec!.template!.metadata!.labels!['pod-template-hash'], 'h', 'the ReplicaSet itself is not changed');
  assert.throws(() => imagePatch(d, 'nope', 'z'), /no container "nope"/);
});
