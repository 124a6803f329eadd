import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import { buildEnv, ContainerConfigError, expand, type EnvSources } from './env.ts';
import { imageTag, normalizeImage } from './image-name.ts';
import { pullPolicyOf } from './images.ts';
import { linuxResources, milliCPUToShares, qosClass } from './resources.ts';
import { sandboxConfig } from './sandbox-config.ts';
import { statusPatch } from './status-patch.ts';

const vars = new Map([['A', 'x'], ['B', 'y y']]);
for (const c of [
  { name: 'plain', input: 'echo hi', want: 'echo hi' },
  { name: 'one var', input: '$(A)', want: 'x' },
  { name: 'two vars', input: '$(A)-$(B)', want: 'x-y y' },
  { name: 'unknown stays', input: '$(C) $(A)', want: '$(C) x' },
  { name: '$$ escapes', input: '$$(A) $$', want: '$(A) $' },
  { name: 'lone $', input: 'cost $5 $', want: 'cost $5 $' },
  { name: 'unclosed', input: '$(A', want: '$(A' },
]) test(`expand: ${c.name}`, () => assert.equal(expand(c.input, vars), c.want));

const pod: Pod = {
  metadata: { name: 'p', namespace: 'ns', uid: 'u1', labels: { app: 'web' } },
  spec: { nodeName: 'n1', serviceAccountName: 'default', containers: [] },
};
const sources: EnvSources = {
  configMap: async (ns, name) => (ns === 'ns' && name === 'cm' ? { k: 'v', other: 'o' } : undefined),
  secret: async (ns, name) => (ns === 'ns' && name === 's' ? { pw: 'hunter2' } : undefined),
};
const facts = { podIP: '10.0.0.5', hostIP: '192.168.1.2', nodeName: 'n1' };

for (const c of [
  { name: 'values and expansion in order', env: [{ name: 'A', value: '1' }, { name: 'B', value: '$(A)2' }, { name: 'C', value: '$(D)' }, { name: 'D', value: '4' }],
    want: [['A', '1'], ['B', '12'], ['C', '$(D)'], ['D', '4']] },
  { name: 'fieldRefs', env: ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'status.podIP', 'status.hostIP', "metadata.labels['app']", 'spec.serviceAccountName']
    .map((f, i) => ({ name: `F${i}`, valueFrom: { fieldRef: { fieldPath: f } } })),
    want: [['F0', 'p'], ['F1', 'ns'], ['F2', 'u1'], ['F3', 'n1'], ['F4', '10.0.0.5'], ['F5', '192.168.1.2'], ['F6', 'web'], ['F7', 'default']] },
  { name: 'configMap and secret keys', env: [{ name: 'K', valueFrom: { configMapKeyRef: { name: 'cm', key: 'k' } } }, { name: 'P', valueFrom: { secretKeyRef: { name: 's', key: 'pw' } } }],
    want: [['K', 'v'], ['P', 'hunter2']] },
  { name: 'optional missing key skipped', env: [{ name: 'K', valueFrom: { configMapKeyRef: { name: 'cm', key: 'nope', optional: true } } }], want: [] },
  { name: 'envFrom with prefix, env overrides', envFrom: [{ configMapRef: { name: 'cm' }, prefix: 'CM_' }], env: [{ name: 'CM_k', value: 'mine' }],
    want: [['CM_k', 'mine'], ['CM_other', 'o']] },
  { name: 'resourceFieldRef', resources: { limits: { memory: '64Mi', cpu: '250m' } },
    env: [{ name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } }, { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } }],
    want: [['MEM', '64'], ['CPU', '1']] },
] as { name: string; env?: Container['env']; envFrom?: Container['envFrom']; resources?: Container['resources']; want: string[][] }[]) {
  test(`buildEnv: ${c.name}`, async () => {
    const got = await buildEnv(pod, { name: 'c', env: c.env, envFrom: c.envFrom, resources: c.resources }, facts, sources);
    assert.deepEqual(got.map((e) => [e.key, e.value]), c.want);
  });
}

for (const c of [
  { name: 'missing configmap', env: [{ name: 'K', valueFrom: { configMapKeyRef: { name: 'gone', key: 'k' } } }], want: 'configmap "gone" not found' },
  { name: 'missing key', env: [{ name: 'K', valueFrom: { configMapKeyRef: { name: 'cm', key: 'x' } } }], want: "couldn't find key x in ConfigMap ns/cm" },
  { name: 'missing secret', env: [{ name: 'K', valueFrom: { secretKeyRef: { name: 'nope', key: 'x' } } }], want: 'secret "nope" not found' },
]) {
  test(`buildEnv error: ${c.name}`, async () => {
    await assert.rejects(buildEnv(pod, { name: 'c', env: c.env }, facts, sources), (e) => e instanceof ContainerConfigError && e.message === c.want);
  });
}

for (const c of [
  { name: 'nothing', res: {}, want: { cpuShares: 2, oomScoreAdj: 1000 } },
  { name: 'cpu request', res: { requests: { cpu: '250m' } }, want: { cpuShares: 256 } },
  { name: 'limit only sets shares and quota', res: { limits: { cpu: '1500m', memory: '32Mi' } },
    want: { cpuShares: 1536, cpuPeriod: 100000, cpuQuota: 150000, memoryLimitInBytes: 33554432 } },
  { name: 'tiny limit: quota floor', res: { limits: { cpu: '1m' } }, want: { cpuQuota: 1000 } },
] as { name: string; res: Container['resources']; want: Record<string, number> }[]) {
  test(`linuxResources: ${c.name}`, () => {
    const got = linuxResources(pod, { name: 'c', resources: c.res }, 8 * 2 ** 30) as Record<string, unknown>;
    for (const [k, v] of Object.entries(c.want)) assert.equal(got[k], v, k);
  });
}

test('milliCPUToShares and qosClass', () => {
  assert.deepEqual([0, 1, 100, 1000].map(milliCPUToShares), [2, 2, 102, 1024]);
  const g = { ...pod, spec: { containers: [{ name: 'a', resources: { limits: { cpu: '1', memory: '1Gi' } } }] } };
  const b = { ...pod, spec: { containers: [{ name: 'a', resources: { requests: { cpu: '1' } } }] } };
  assert.deepEqual([qosClass(g), qosClass(b), qosClass(pod)], ['Guaranteed', 'Burstable', 'BestEffort']);
});

for (const c of [
  { name: 'short', input: 'busybox', want: ['docker.io/library/busybox:latest', ''] },
  { name: 'user repo', input: 'k8ts/web:1', want: ['docker.io/k8ts/web:1', '1'] },
  { name: 'registry with port', input: 'localhost:5000/x', want: ['localhost:5000/x:latest', ''] },
  { name: 'digest', input: 'quay.io/a/b@sha256:ab', want: ['quay.io/a/b@sha256:ab', ''] },
]) test(`image names: ${c.name}`, () => assert.deepEqual([normalizeImage(c.input), imageTag(c.input)], c.want));

test('pullPolicyOf defaults like the API server', () => {
  assert.deepEqual(['busybox', 'busybox:latest', 'busybox:1.36'].map((image) => pullPolicyOf({ name: 'c', image })), ['Always', 'Always', 'IfNotPresent']);
  assert.equal(pullPolicyOf({ name: 'c', image: 'x', imagePullPolicy: 'Never' }), 'Never');
});

test('sandboxConfig: hostname, log dir, DNS merge, hostPorts, labels', () => {
  const p: Pod = {
    ...pod, metadata: { ...pod.metadata, annotations: { a: 'b' } },
    spec: {
      containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 81, protocol: 'UDP' }] }],
      dnsConfig: { nameservers: ['1.1.1.1'], options: [{ name: 'ndots', value: '2' }] },
    },
  };
  const c = sandboxConfig(p, 2, { podsDir: '/logs', hostDNS: { servers: ['9.9.9.9'], searches: ['lan'], options: [] } });
  assert.equal(c.hostname, 'p');
  assert.equal(c.logDirectory, '/logs/ns_p_u1');
  assert.deepEqual(c.metadata, { name: 'p', namespace: 'ns', uid: 'u1', attempt: 2 });
  assert.deepEqual(c.dnsConfig, { servers: ['9.9.9.9', '1.1.1.1'], searches: ['lan'], options: ['ndots:2'] });
  assert.deepEqual(c.portMappings, [{ protocol: 'TCP', containerPort: 80, hostPort: 8080, hostIp: '' }]);
  assert.equal(c.labels?.['io.kubernetes.pod.uid'], 'u1');
  assert.equal(c.labels?.app, 'web');
  assert.equal(c.annotations?.a, 'b');
  const none = sandboxConfig({ ...p, spec: { ...p.spec!, dnsPolicy: 'None' } }, 0, { podsDir: '/l', hostDNS: { servers: ['9.9.9.9'], searches: [], options: [] } });
  assert.deepEqual(none.dnsConfig?.servers, ['1.1.1.1']);
});

for (const c of [
  { name: 'unchanged', old: { phase: 'Running', podIP: '1.1.1.1' }, want: { phase: 'Running', podIP: '1.1.1.1' }, patch: undefined },
  { name: 'null fields ignored', old: { phase: 'Running' }, want: { phase: 'Running', message: undefined }, patch: undefined },
  { name: 'changed scalar and removed field', old: { phase: 'Pending', reason: 'X' }, want: { phase: 'Running' }, patch: { phase: 'Running', reason: null } },
  { name: 'condition loses reason and message', old: { conditions: [{ type: 'Ready', status: 'False', reason: 'R', message: 'M' }, { type: 'Initialized', status: 'True' }] },
    want: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'Initialized', status: 'True' }] },
    patch: { conditions: [{ type: 'Ready', status: 'True', reason: null, message: null }] } },
  { name: 'new pod IP: old one deleted', old: { podIPs: [{ ip: '1.1.1.1' }] }, want: { podIPs: [{ ip: '2.2.2.2' }] },
    patch: { '$setElementOrder/podIPs': [{ ip: '2.2.2.2' }], podIPs: [{ ip: '2.2.2.2' }, { ip: '1.1.1.1', $patch: 'delete' }] } },
  { name: 'container statuses replaced whole', old: { containerStatuses: [{ name: 'a', state: { waiting: {} } }] }, want: { containerStatuses: [{ name: 'a', state: { running: {} } }] },
    patch: { containerStatuses: [{ name: 'a', state: { running: {} } }] } },
] as { name: string; old: object; want: object; patch: unknown }[]) {
  test(`statusPatch: ${c.name}`, () => assert.deepEqual(statusPatch(c.old, c.want), c.patch));
}
