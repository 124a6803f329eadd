import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { parseLabelSelector } from '../../api/selectors/labels.ts';
import { deploymentRow, fieldPath, filterPods, nodeRow, podRequests, podRow, rolloutHistory, sortRows, statusCounts } from './model.ts';

const now = new Date('2026-01-01T00:10:00Z');
const pod = (name: string, o: { ns?: string; phase?: string; node?: string; labels?: Record<string, string>; cpu?: string; mem?: string; created?: string; restarts?: number } = {}): Pod => ({
  metadata: { name, namespace: o.ns ?? 'default', labels: o.labels, creationTimestamp: o.created ?? '2026-01-01T00:00:00Z' },
  spec: { nodeName: o.node, containers: [{ name: 'c', resources: { requests: { ...(o.cpu ? { cpu: o.cpu } : {}), ...(o.mem ? { memory: o.mem } : {}) } } }] },
  status: { phase: o.phase ?? 'Running', containerStatuses: [{ name: 'c', ready: o.phase !== 'Pending', restartCount: o.restarts ?? 0, image: 'i', imageID: '', state: o.phase === 'Pending' ? { waiting: { reason: 'ContainerCreating' } } : { running: {} } }] },
});

test('podRow: kubectl columns', () => {
  const cases = [
    { name: 'running', input: pod('a', { node: 'n1' }), want: { ready: '1/1', status: 'Running', restarts: '0', age: '10m', node: 'n1', ip: '<none>' } },
    { name: 'creating', input: pod('b', { phase: 'Pending' }), want: { ready: '0/1', status: 'ContainerCreating', restarts: '0', age: '10m', node: '<none>', ip: '<none>' } },
  ];
  for (const c of cases) {
    const r = podRow(c.input, now);
    assert.deepEqual({ ready: r.ready, status: r.status, restarts: r.restarts, age: r.age, node: r.node, ip: r.ip }, c.want, c.name);
  }
});

test('filterPods: namespace, label selector, text', () => {
  const rows = [pod('web-1', { labels: { app: 'web' } }), pod('db-1', { labels: { app: 'db' }, node: 'n2' }), pod('web-2', { ns: 'kube-system', labels: { app: 'web' } })].map((p) => podRow(p, now));
  const cases = [
    { name: 'all', input: { namespace: '', text: '' }, want: ['web-1', 'db-1', 'web-2'] },
    { name: 'namespace', input: { namespace: 'default', text: '' }, want: ['web-1', 'db-1'] },
    { name: 'selector', input: { namespace: '', selector: parseLabelSelector('app in (web)'), text: '' }, want: ['web-1', 'web-2'] },
    { name: 'text matches node', input: { namespace: '', text: 'N2' }, want: ['db-1'] },
    { name: 'nothing', input: { namespace: 'x', text: '' }, want: [] },
  ];
  for (const c of cases) assert.deepEqual(filterPods(rows, c.input).map((r) => r.name), c.want, c.name);
});

test('sortRows', () => {
  const rows = [pod('a', { restarts: 10, created: '2026-01-01T00:05:00Z' }), pod('b', { restarts: 9 }), pod('c', { restarts: 9, created: '2026-01-01T00:09:00Z' })].map((p) => podRow(p, now));
  const cases = [
    { name: 'restarts asc numeric, ties by name', input: ['restartCount', 'asc'] as const, want: ['b', 'c', 'a'] },
    { name: 'restarts desc', input: ['restartCount', 'desc'] as const, want: ['a', 'b', 'c'] },
    { name: 'created desc = newest first', input: ['created', 'desc'] as const, want: ['c', 'a', 'b'] },
    { name: 'name desc', input: ['name', 'desc'] as const, want: ['c', 'b', 'a'] },
  ];
  for (const c of cases) assert.deepEqual(sortRows(rows, c.input[0], c.input[1]).map((r) => r.name), c.want, c.name);
});

test('nodeRow and podRequests', () => {
  const node: Node = { metadata: { name: 'n1', labels: { 'node-role.kubernetes.io/control-plane': '' }, creationTimestamp: '2026-01-01T00:00:00Z' },
    status: { allocatable: { cpu: '4', memory: '8Gi' }, conditions: [{ type: 'Ready', status: 'True' }] } };
  const pods = [pod('a', { node: 'n1', cpu: '250m', mem: '512Mi' }), pod('b', { node: 'n1', cpu: '1', mem: '1Gi' }), pod('c', { node: 'n2', cpu: '1' }), pod('d', { node: 'n1', phase: 'Succeeded', cpu: '1' })];
  assert.deepEqual(nodeRow(node, pods, now), { name: 'n1', ready: 'Ready', roles: 'control-plane', cpu: '1250m / 4', memory: '1.5Gi / 8.0Gi', pods: 2, age: '10m' });
  const cases = [
    { name: 'none', input: pod('x'), want: { cpu: 0, memory: 0 } },
    { name: 'cpu+mem', input: pod('x', { cpu: '100m', mem: '1Ki' }), want: { cpu: 100, memory: 1024 } },
  ];
  for (const c of cases) assert.deepEqual(podRequests(c.input), c.want, c.name);
});

test('statusCounts', () => {
  const rows = [pod('a'), pod('b', { phase: 'Pending' }), pod('c')].map((p) => podRow(p, now));
  assert.deepEqual(statusCounts(rows), [['Running', 2], ['ContainerCreating', 1]]);
});

test('deploymentRow and rolloutHistory', () => {
  const d: Deployment = { metadata: { name: 'web', namespace: 'default', uid: 'u1', annotations: { 'deployment.kubernetes.io/revision': '2' }, creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: { replicas: 3, selector: {}, template: { spec: { containers: [{ name: 'c', image: 'nginx:2' }] } } }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } };
  assert.deepEqual(deploymentRow(d, now), { key: 'default/web', namespace: 'default', name: 'web', ready: '2/3', upToDate: 3, available: 2, images: 'nginx:2', age: '10m', paused: false });
  const rs = (rev: string, image: string, owner = 'u1'): ReplicaSet => ({ metadata: { name: `web-${rev}`, annotations: { 'deployment.kubernetes.io/revision': rev }, ownerReferences: [{ uid: owner, apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }] },
    spec: { selector: {}, template: { spec: { containers: [{ name: 'c', image }] } } } });
  const h = rolloutHistory(d, [rs('2', 'nginx:2'), rs('1', 'nginx:1'), rs('1', 'other', 'u2')]);
  assert.deepEqual(h.map((r) => [r.revision, r.images, r.current]), [[1, 'nginx:1', false], [2, 'nginx:2', true]]);
});

test('fieldPath', () => {
  const cases = [
    { name: 'plain', input: 'spec.replicas', want: ['spec', 'replicas'] },
    { name: 'index', input: 'spec.template.spec.containers[0].image', want: ['spec', 'template', 'spec', 'containers', 0, 'image'] },
    { name: 'map key', input: 'metadata.labels[app]', want: ['metadata', 'labels', 'app'] },
  ];
  for (const c of cases) assert.deepEqual(fieldPath(c.input), c.want, c.name);
});
