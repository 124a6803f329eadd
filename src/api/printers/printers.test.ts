import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printerFor } from './index.ts';
import type { Cell } from './table.ts';

const now = new Date('2024-05-01T12:00:00Z');
const meta = (name: string, extra: object = {}) => ({ name, namespace: 'default', creationTimestamp: '2024-05-01T11:55:00Z', ...extra });

test('column definitions: names, types, priorities', () => {
  const cases: { name: string; plural: string; group: string; want: string[] }[] = [
    { name: 'pods', plural: 'pods', group: '', want: ['Name:string:0', 'Ready:string:0', 'Status:string:0', 'Restarts:string:0', 'Age:string:0', 'IP:string:1', 'Node:string:1', 'Nominated Node:string:1', 'Readiness Gates:string:1'] },
    { name: 'deployments', plural: 'deployments', group: 'apps', want: ['Name:string:0', 'Ready:string:0', 'Up-to-date:string:0', 'Available:string:0', 'Age:string:0', 'Containers:string:1', 'Images:string:1', 'Selector:string:1'] },
    { name: 'replicasets', plural: 'replicasets', group: 'apps', want: ['Name:string:0', 'Desired:integer:0', 'Current:integer:0', 'Ready:integer:0', 'Age:string:0', 'Containers:string:1', 'Images:string:1', 'Selector:string:1'] },
    { name: 'nodes', plural: 'nodes', group: '', want: ['Name:string:0', 'Status:string:0', 'Roles:string:0', 'Age:string:0', 'Version:string:0', 'Internal-IP:string:1', 'External-IP:string:1', 'OS-Image:string:1', 'Kernel-Version:string:1', 'Container-Runtime:string:1'] },
    { name: 'events', plural: 'events', group: '', want: ['Last Seen:string:0', 'Type:string:0', 'Reason:string:0', 'Object:string:0', 'Subobject:string:1', 'Source:string:1', 'Message:string:0', 'First Seen:string:1', 'Count:string:1', 'Name:string:1'] },
    { name: 'namespaces', plural: 'namespaces', group: '', want: ['Name:string:0', 'Status:string:0', 'Age:string:0'] },
    { name: 'configmaps', plural: 'configmaps', group: '', want: ['Name:string:0', 'Data:string:0', 'Age:string:0'] },
    { name: 'secrets', plural: 'secrets', group: '', want: ['Name:string:0', 'Type:string:0', 'Data:string:0', 'Age:string:0'] },
    { name: 'leases', plural: 'leases', group: 'coordination.k8s.io', want: ['Name:string:0', 'Holder:string:0', 'Age:string:0'] },
    { name: 'services', plural: 'services', group: '', want: ['Name:string:0', 'Type:string:0', 'Cluster-IP:string:0', 'External-IP:string:0', 'Port(s):string:0', 'Age:string:0', 'Selector:string:1'] },
    { name: 'fallback', plural: 'widgets', group: 'example.com', want: ['Name:string:0', 'Age:string:0'] },
    { name: 'group matters', plural: 'deployments', group: 'example.com', want: ['Name:string:0', 'Age:string:0'] },
  ];
  for (const c of cases) {
    const cols = printerFor(c.plural, c.group).columns;
    assert.deepEqual(cols.map((x) => `${x.name}:${x.type}:${x.priority}`), c.want, c.name);
    const nameCol = cols.find((x) => x.name === 'Name');
    assert.equal(nameCol?.format, 'name', `${c.name}: Name has format name`);
    assert.ok(cols.every((x) => x.description.length > 0), `${c.name}: descriptions`);
  }
});

test('cells', () => {
  const cases: { name: string; plural: string; group: string; obj: object; want: Cell[] }[] = [
    {
      name: 'pod wide cells', plural: 'pods', group: '',
      obj: {
        metadata: meta('web'), spec: { nodeName: 'n1', containers: [{ name: 'a' }], readinessGates: [{ conditionType: 'x' }, { conditionType: 'y' }] },
        status: { phase: 'Running', podIPs: [{ ip: '10.244.0.5' }], conditions: [{ type: 'x', status: 'True' }, { type: 'y', status: 'False' }],
          containerStatuses: [{ name: 'a', ready: true, restartCount: 0, image: '', imageID: '', state: { running: {} } }] },
      },
      want: ['web', '1/1', 'Running', '0', '5m', '10.244.0.5', 'n1', '<none>', '1/2'],
    },
    { name: 'pod without anything', plural: 'pods', group: '', obj: { metadata: { name: 'bare' } }, want: ['bare', '0/0', '', '0', '<unknown>', '<none>', '<none>', '<none>', '<none>'] },
    {
      name: 'deployment', plural: 'deployments', group: 'apps',
      obj: { metadata: meta('web'), spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'busybox' }] } } }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } },
      want: ['web', '2/3', 3, 2, '5m', 'a,b', 'nginx,busybox', 'app=web'],
    },
    { name: 'deployment without selector', plural: 'deployments', group: 'apps', obj: { metadata: meta('d') }, want: ['d', '0/0', 0, 0, '5m', '', '', ''] },
    {
      name: 'replicaset', plural: 'replicasets', group: 'apps',
      obj: { metadata: meta('web-abc'), spec: { replicas: 2, selector: { matchLabels: { app: 'web', 'pod-template-hash': 'abc' } }, template: { spec: { containers: [{ name: 'a', image: 'nginx' }] } } }, status: { replicas: 2, readyReplicas: 1 } },
      want: ['web-abc', 2, 2, 1, '5m', 'a', 'nginx', 'app=web,pod-template-hash=abc'],
    },
    { name: 'replicaset empty selector', plural: 'replicasets', group: 'apps', obj: { metadata: meta('r'), spec: { selector: {} } }, want: ['r', 0, 0, 0, '5m', '', '', '<none>'] },
    {
      name: 'node ready control plane', plural: 'nodes', group: '',
      obj: { metadata: meta('n1', { labels: { 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/master': '', 'kubernetes.io/role': 'edge' } }),
        status: { conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }], addresses: [{ type: 'InternalIP', address: '192.168.1.2' }, { type: 'Hostname', address: 'n1' }],
          nodeInfo: { kubeletVersion: 'v1.33.0', osImage: 'Debian', kernelVersion: '6.1', containerRuntimeVersion: 'containerd://1.7' } } },
      want: ['n1', 'Ready', 'control-plane,edge,master', '5m', 'v1.33.0', '192.168.1.2', '<none>', 'Debian', '6.1', 'containerd://1.7'],
    },
    {
      name: 'node not ready, cordoned, no roles', plural: 'nodes', group: '',
      obj: { metadata: meta('n2'), spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } },
      want: ['n2', 'NotReady,SchedulingDisabled', '<none>', '5m', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>'],
    },
    { name: 'node without conditions', plural: 'nodes', group: '', obj: { metadata: meta('n3') }, want: ['n3', 'Unknown', '<none>', '5m', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>'] },
    {
      name: 'event with timestamps', plural: 'events', group: '',
      obj: { metadata: meta('web.1'), involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{a}' }, type: 'Normal', reason: 'Started', message: ' Started container a\n',
        source: { component: 'kubelet', host: 'n1' }, firstTimestamp: '2024-05-01T11:00:00Z', lastTimestamp: '2024-05-01T11:58:00Z', count: 3 },
      want: ['2m', 'Normal', 'Started', 'pod/web', 'spec.containers{a}', 'kubelet, n1', 'Started container a', '60m', 3, 'web.1'],
    },
    {
      name: 'event from the new API (eventTime, series, reporting*)', plural: 'events', group: '',
      obj: { metadata: meta('e2'), involvedObject: { kind: 'Node' }, type: 'Warning', reason: 'X', eventTime: '2024-05-01T11:59:50.000000Z',
        series: { count: 7, lastObservedTime: '2024-05-01T11:59:58.000000Z' }, reportingComponent: 'ctrl', reportingInstance: 'i1' },
      want: ['2s', 'Warning', 'X', 'node', '', 'ctrl, i1', '', '10s', 7, 'e2'],
    },
    { name: 'event with no times', plural: 'events', group: '', obj: { metadata: meta('e3'), involvedObject: { kind: 'Pod', name: 'p' } }, want: ['<unknown>', '', '', 'pod/p', '', '', '', '<unknown>', 1, 'e3'] },
    { name: 'namespace', plural: 'namespaces', group: '', obj: { metadata: meta('dev'), status: { phase: 'Active' } }, want: ['dev', 'Active', '5m'] },
    { name: 'configmap counts binaryData', plural: 'configmaps', group: '', obj: { metadata: meta('c'), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }, want: ['c', 3, '5m'] },
    { name: 'secret counts stringData too', plural: 'secrets', group: '', obj: { metadata: meta('s'), type: 'Opaque', data: { a: 'eA==' }, stringData: { a: 'x', b: 'y' } }, want: ['s', 'Opaque', 2, '5m'] },
    { name: 'lease', plural: 'leases', group: 'coordination.k8s.io', obj: { metadata: meta('n1'), spec: { holderIdentity: 'n1' } }, want: ['n1', 'n1', '5m'] },
    { name: 'lease without holder', plural: 'leases', group: 'coordination.k8s.io', obj: { metadata: meta('l') }, want: ['l', '', '5m'] },
    {
      name: 'service NodePort', plural: 'services', group: '',
      obj: { metadata: meta('web'), spec: { type: 'NodePort', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }], selector: { app: 'web' } } },
      want: ['web', 'NodePort', '10.96.0.10', '<none>', '80:30080/TCP,53/UDP', '5m', 'app=web'],
    },
    {
      name: 'service LoadBalancer pending', plural: 'services', group: '',
      obj: { metadata: meta('lb'), spec: { type: 'LoadBalancer', clusterIPs: ['10.96.0.11'], ports: [{ port: 443 }] } },
      want: ['lb', 'LoadBalancer', '10.96.0.11', '<pending>', '443/TCP', '5m', '<none>'],
    },
    { name: 'fallback', plural: 'widgets', group: 'example.com', obj: { metadata: meta('w') }, want: ['w', '5m'] },
  ];
  for (const c of cases) assert.deepEqual(printerFor(c.plural, c.group).cells(c.obj as never, now), c.want, c.name);
});

test('pod row conditions', () => {
  const cases: { name: string; phase: string; want: unknown }[] = [
    { name: 'succeeded', phase: 'Succeeded', want: [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }] },
    { name: 'failed', phase: 'Failed', want: [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }] },
    { name: 'running', phase: 'Running', want: undefined },
    { name: 'prototype key', phase: 'constructor', want: undefined },
  ];
  const p = printerFor('pods', '');
  for (const c of cases) assert.deepEqual(p.conditions?.({ metadata: {}, status: { phase: c.phase } } as never), c.want, c.name);
});
