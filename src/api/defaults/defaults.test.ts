// Table tests for setDefaults and the admission defaults: each case names one path and the
// value Kubernetes would store there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setDefaults, addDefaultTolerations, addDefaultPriority } from './index.ts';
import { imageTag } from './container.ts';

type Obj = Record<string, any>;
const get = (o: Obj, path: string): unknown => path.split('.').reduce<any>((v, k) => v?.[k], o);

const pod = (): Obj => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: {
  containers: [{
    name: 'a', image: 'nginx', ports: [{ containerPort: 80 }],
    resources: { limits: { cpu: '0.5', memory: '1.5Gi' }, requests: { cpu: '0.0001' } },
    livenessProbe: { httpGet: { port: 80 } },
    env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
  }, { name: 'b', image: 'nginx:1.25' }, { name: 'c', image: 'nginx@sha256:abc' }],
  volumes: [{ name: 'v' }, { name: 's', secret: { secretName: 's' } }, { name: 'e', emptyDir: { sizeLimit: '1000Mi' } }],
} });
const deploy = (strategy?: Obj): Obj => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
  spec: { selector: {}, template: { spec: { containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '1' } } }] } }, ...(strategy ? { strategy } : {}) } });

const cases: { name: string; obj: () => Obj; path: string; want: unknown }[] = [
  { name: 'restartPolicy', obj: pod, path: 'spec.restartPolicy', want: 'Always' },
  { name: 'grace period', obj: pod, path: 'spec.terminationGracePeriodSeconds', want: 30 },
  { name: 'dnsPolicy', obj: pod, path: 'spec.dnsPolicy', want: 'ClusterFirst' },
  { name: 'schedulerName', obj: pod, path: 'spec.schedulerName', want: 'default-scheduler' },
  { name: 'securityContext', obj: pod, path: 'spec.securityContext', want: {} },
  { name: 'enableServiceLinks', obj: pod, path: 'spec.enableServiceLinks', want: true },
  { name: 'pull policy untagged', obj: pod, path: 'spec.containers.0.imagePullPolicy', want: 'Always' },
  { name: 'pull policy tagged', obj: pod, path: 'spec.containers.1.imagePullPolicy', want: 'IfNotPresent' },
  { name: 'pull policy digest', obj: pod, path: 'spec.containers.2.imagePullPolicy', want: 'IfNotPresent' },
  { name: 'termination message path', obj: pod, path: 'spec.containers.0.terminationMessagePath', want: '/dev/termination-log' },
  { name: 'termination message policy', obj: pod, path: 'spec.containers.0.terminationMessagePolicy', want: 'File' },
  { name: 'port protocol', obj: pod, path: 'spec.containers.0.ports.0.protocol', want: 'TCP' },
  { name: 'probe', obj: pod, path: 'spec.containers.0.livenessProbe', want: { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 } },
  { name: 'limits canonical', obj: pod, path: 'spec.containers.0.resources.limits', want: { cpu: '500m', memory: '1536Mi' } },
  { name: 'requests from limits, rounded to milli', obj: pod, path: 'spec.containers.0.resources.requests', want: { cpu: '1m', memory: '1536Mi' } },
  { name: 'fieldRef apiVersion', obj: pod, path: 'spec.containers.0.env.0.valueFrom.fieldRef.apiVersion', want: 'v1' },
  { name: 'volume without source', obj: pod, path: 'spec.volumes.0', want: { name: 'v', emptyDir: {} } },
  { name: 'secret defaultMode', obj: pod, path: 'spec.volumes.1.secret.defaultMode', want: 420 },
  { name: 'emptyDir sizeLimit', obj: pod, path: 'spec.volumes.2.emptyDir.sizeLimit', want: '1000Mi' },
  { name: 'no tolerations before admission', obj: pod, path: 'spec.tolerations', want: undefined },
  { name: 'deployment replicas', obj: () => deploy(), path: 'spec.replicas', want: 1 },
  { name: 'deployment strategy', obj: () => deploy(), path: 'spec.strategy', want: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } } },
  { name: 'deployment recreate', obj: () => deploy({ type: 'Recreate' }), path: 'spec.strategy', want: { type: 'Recreate' } },
  { name: 'deployment history', obj: () => deploy(), path: 'spec.revisionHistoryLimit', want: 10 },
  { name: 'deployment deadline', obj: () => deploy(), path: 'spec.progressDeadlineSeconds', want: 600 },
  { name: 'template restartPolicy', obj: () => deploy(), path: 'spec.template.spec.restartPolicy', want: 'Always' },
  { name: 'template: no enableServiceLinks', obj: () => deploy(), path: 'spec.template.spec.enableServiceLinks', want: undefined },
  { name: 'template: requests not copied', obj: () => deploy(), path: 'spec.template.spec.containers.0.resources.requests', want: undefined },
  { name: 'replicaset replicas', obj: () => ({ ...deploy(), kind: 'ReplicaSet' }), path: 'spec.replicas', want: 1 },
  { name: 'namespace phase', obj: () => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } }), path: 'status.phase', want: 'Active' },
  { name: 'namespace finalizers', obj: () => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } }), path: 'spec.finalizers', want: ['kubernetes'] },
  { name: 'namespace label', obj: () => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } }), path: 'metadata.labels', want: { 'kubernetes.io/metadata.name': 'ns' } },
  { name: 'secret type', obj: () => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }), path: 'type', want: 'Opaque' },
  { name: 'secret stringData', obj: () => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { a: 'hi' } }), path: 'data', want: { a: 'aGk=' } },
  { name: 'node allocatable', obj: () => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, status: { capacity: { cpu: '4', memory: '8192Mi' } } }),
    path: 'status.allocatable', want: { cpu: '4', memory: '8Gi' } },
];

test('setDefaults', () => {
  for (const c of cases) {
    const obj = c.obj();
    setDefaults(obj.apiVersion, obj.kind, obj);
    assert.deepEqual(get(obj, c.path), c.want, c.name);
  }
});

test('admission defaults', () => {
  const cases: { name: string; tolerations?: Obj[]; want: Obj[] }[] = [
    { name: 'none', want: [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] },
    { name: 'already tolerates everything', tolerations: [{ operator: 'Exists' }], want: [{ operator: 'Exists' }] },
    { name: 'own not-ready', tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }], want: [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] },
  ];
  for (const c of cases) {
    const p: Obj = { spec: { containers: [], ...(c.tolerations ? { tolerations: c.tolerations } : {}) } };
    addDefaultTolerations(p);
    assert.deepEqual(p.spec.tolerations, c.want, c.name);
  }
  const p: Obj = { spec: { containers: [] } };
  addDefaultPriority(p);
  assert.deepEqual([p.spec.priority, p.spec.preemptionPolicy], [0, 'PreemptLowerPriority']);
});

test('imageTag', () => {
  const cases = [
    { input: 'nginx', want: 'latest' }, { input: 'nginx:1.25', want: '1.25' }, { input: 'localhost:5000/nginx', want: 'latest' },
    { input: 'localhost:5000/nginx:v1', want: 'v1' }, { input: 'nginx@sha256:abc', want: '' }, { input: 'nginx:latest', want: 'latest' },
  ];
  for (const c of cases) assert.equal(imageTag(c.input), c.want, c.input);
});
