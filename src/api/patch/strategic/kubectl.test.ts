/**
 * The strategic merge patches real kubectl (and the kubelet) send, applied with the real
 * schemas (docs/kubectl-contract.md §4.2, §5).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemaFor } from '../schema.ts';
import { applyStrategicMergePatch } from './index.ts';

const LAST = 'kubectl.kubernetes.io/last-applied-configuration';
const deployment = () => ({
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, annotations: { [LAST]: '{"old":true}\n' }, finalizers: ['a'] },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], args: ['-x', '-y'] },
          { name: 'sidecar', image: 'busybox' },
        ],
        volumes: [{ name: 'cfg', emptyDir: {} }],
      },
    },
  },
  status: { replicas: 1, conditions: [{ type: 'Available', status: 'True' }, { type: 'Progressing', status: 'True' }] },
});
const pod = () => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'p', namespace: 'default', uid: 'u1', ownerReferences: [{ uid: 'rs1', kind: 'ReplicaSet', name: 'rs', apiVersion: 'apps/v1' }] },
  spec: { containers: [{ name: 'c', image: 'nginx' }], tolerations: [{ key: 'a', operator: 'Exists' }] },
  status: {
    phase: 'Pending',
    conditions: [{ type: 'PodScheduled', status: 'True' }],
    containerStatuses: [{ name: 'c', ready: false, state: { waiting: { reason: 'ContainerCreating' } } }],
  },
});

type Obj = Record<string, any>;
const cases: { name: string; input: { live: () => Obj; patch: unknown }; want: (o: Obj) => void }[] = [
  {
    name: 'kubectl edit: {"spec":{"replicas":3}}',
    input: { live: deployment, patch: { spec: { replicas: 3 } } },
    want: (o) => { o.spec.replicas = 3; },
  },
  {
    name: 'kubectl set image with $setElementOrder/containers',
    input: { live: deployment, patch: { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }], containers: [{ image: 'nginx:1.26', name: 'nginx' }] } } } } },
    want: (o) => { o.spec.template.spec.containers[0].image = 'nginx:1.26'; },
  },
  {
    name: 'client-side apply: drop a container and an env var, change image, add a label',
    input: {
      live: deployment,
      patch: {
        metadata: { annotations: { [LAST]: '{"new":true}\n' }, labels: { tier: 'front' } },
        spec: { template: { spec: {
          '$setElementOrder/containers': [{ name: 'nginx' }],
          containers: [
            { '$setElementOrder/env': [{ name: 'A' }], env: [{ $patch: 'delete', name: 'B' }], image: 'nginx:1.27', name: 'nginx' },
            { $patch: 'delete', name: 'sidecar' },
          ],
        } } },
      },
    },
    want: (o) => {
      o.metadata.annotations[LAST] = '{"new":true}\n';
      o.metadata.labels.tier = 'front';
      const c = o.spec.template.spec.containers[0];
      c.image = 'nginx:1.27';
      c.env = [{ name: 'A', value: '1' }];
      o.spec.template.spec.containers = [c];
    },
  },
  {
    name: 'client-side apply: add a container in the middle of the order',
    input: {
      live: deployment,
      patch: { spec: { template: { spec: {
        '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'log' }, { name: 'sidecar' }],
        containers: [{ image: 'fluent', name: 'log' }],
      } } } },
    },
    want: (o) => { o.spec.template.spec.containers.splice(1, 0, { image: 'fluent', name: 'log' }); },
  },
  {
    name: 'client-side apply: $retainKeys switches the strategy to Recreate',
    input: { live: deployment, patch: { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } } } },
    want: (o) => { o.spec.strategy = { type: 'Recreate' }; },
  },
  {
    name: 'client-side apply: volume source switched with $retainKeys',
    input: {
      live: deployment,
      patch: { spec: { template: { spec: {
        '$setElementOrder/volumes': [{ name: 'cfg' }],
        volumes: [{ $retainKeys: ['configMap', 'name'], configMap: { name: 'web-cfg' }, name: 'cfg' }],
      } } } },
    },
    want: (o) => { o.spec.template.spec.volumes = [{ name: 'cfg', configMap: { name: 'web-cfg' } }]; },
  },
  {
    name: 'container args are atomic, ports merge by containerPort',
    input: { live: deployment, patch: { spec: { template: { spec: { containers: [{ name: 'nginx', args: ['-z'], ports: [{ containerPort: 80, name: 'http' }] }] } } } } },
    want: (o) => {
      const c = o.spec.template.spec.containers[0];
      c.args = ['-z'];
      c.ports = [{ containerPort: 80, protocol: 'TCP', name: 'http' }];
    },
  },
  {
    name: 'finalizers merge as a set and $deleteFromPrimitiveList removes',
    input: { live: deployment, patch: { metadata: { finalizers: ['b'], '$deleteFromPrimitiveList/finalizers': ['a'] } } },
    want: (o) => { o.metadata.finalizers = ['b']; },
  },
  {
    name: 'deployment status conditions merge by type',
    input: { live: deployment, patch: { status: { conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] } } },
    want: (o) => { o.status.conditions[1] = { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }; },
  },
  {
    name: 'kubelet pod status patch with $setElementOrder/conditions',
    input: {
      live: pod,
      patch: {
        metadata: { uid: 'u1' },
        status: {
          '$setElementOrder/conditions': [{ type: 'PodReadyToStartContainers' }, { type: 'Initialized' }, { type: 'Ready' }, { type: 'ContainersReady' }, { type: 'PodScheduled' }],
          conditions: [
            { status: 'True', type: 'PodReadyToStartContainers' },
            { status: 'True', type: 'Initialized' },
            { status: 'True', type: 'Ready' },
            { status: 'True', type: 'ContainersReady' },
          ],
          containerStatuses: [{ name: 'c', ready: true, state: { running: { startedAt: 't' } } }],
          phase: 'Running', podIP: '10.244.0.5', podIPs: [{ ip: '10.244.0.5' }], hostIPs: [{ ip: '10.0.0.1' }],
        },
      },
    },
    want: (o) => {
      o.status = {
        phase: 'Running',
        conditions: [
          { status: 'True', type: 'PodReadyToStartContainers' }, { status: 'True', type: 'Initialized' },
          { status: 'True', type: 'Ready' }, { status: 'True', type: 'ContainersReady' }, { type: 'PodScheduled', status: 'True' },
        ],
        // containerStatuses has no patch strategy: replaced, not merged.
        containerStatuses: [{ name: 'c', ready: true, state: { running: { startedAt: 't' } } }],
        podIP: '10.244.0.5', podIPs: [{ ip: '10.244.0.5' }], hostIPs: [{ ip: '10.0.0.1' }],
      };
    },
  },
  {
    name: 'kubectl debug adds an ephemeral container',
    input: { live: pod, patch: { spec: { ephemeralContainers: [{ image: 'busybox', name: 'debugger-abcde', resources: {}, stdin: true, terminationMessagePolicy: 'File', tty: true }] } } },
    want: (o) => { o.spec.ephemeralContainers = [{ image: 'busybox', name: 'debugger-abcde', resources: {}, stdin: true, terminationMessagePolicy: 'File', tty: true }]; },
  },
  {
    name: 'tolerations are atomic, ownerReferences merge by uid',
    input: { live: pod, patch: { metadata: { ownerReferences: [{ uid: 'rs1', controller: true }] }, spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } } },
    want: (o) => {
      o.metadata.ownerReferences[0].controller = true;
      o.spec.tolerations = [{ key: 'b', operator: 'Exists' }];
    },
  },
];

for (const c of cases) {
  test(`kubectl patch: ${c.name}`, () => {
    const live = c.input.live();
    const want = c.input.live();
    c.want(want);
    const got = applyStrategicMergePatch(live, c.input.patch, schemaFor(live.apiVersion, live.kind));
    assert.deepEqual(got, want);
    assert.deepEqual(live, c.input.live(), 'live object must not be mutated');
  });
}
