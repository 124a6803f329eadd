import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientURL, parsePort, resolveOptions, tildePath } from './options.ts';

test('clientURL', () => {
  const cases = [
    { input: ['127.0.0.1', 6443], want: 'https://127.0.0.1:6443' },
    { input: ['0.0.0.0', 6443], want: 'https://127.0.0.1:6443' },
    { input: ['::', 7000], want: 'https://127.0.0.1:7000' },
    { input: ['::1', 6443], want: 'https://[::1]:6443' },
    { input: ['10.1.2.3', 443], want: 'https://10.1.2.3:443' },
  ] as const;
  for (const c of cases) assert.equal(clientURL(c.input[0], c.input[1]), c.want);
});

test('resolveOptions', () => {
  const cases = [
    { name: 'defaults', input: { dataDir: '~/.k8ts' }, want: { dataDir: '/home/u/.k8ts', apiPort: 6443, bindAddress: '127.0.0.1', datastore: 'sqlite:/home/u/.k8ts/state.db', kubeconfig: undefined, verbose: false, simulatedNodes: undefined, node: true, registryMirrors: {}, kubeletPort: 10250, clusterCIDR: undefined, nodeCIDRMaskSize: undefined, apiOnly: undefined, controlPlaneThread: true } },
    { name: 'explicit', input: { dataDir: '/d', apiPort: 7443, bindAddress: '0.0.0.0', datastore: 'etcd://h:2379', kubeconfig: '~/kc', verbose: true, simulatedNodes: 3 }, want: { dataDir: '/d', apiPort: 7443, bindAddress: '0.0.0.0', datastore: 'etcd://h:2379', kubeconfig: '/home/u/kc', verbose: true, simulatedNodes: 3, node: true, registryMirrors: {}, kubeletPort: 10250, clusterCIDR: undefined, nodeCIDRMaskSize: undefined, apiOnly: undefined, controlPlaneThread: true } },
  ];
  for (const c of cases) assert.deepEqual(resolveOptions(c.input, '/home/u'), c.want, c.name);
});

test('parsePort rejects what is not a port', () => {
  const cases = [
    { input: '6443', want: 6443 },
    { input: '0', want: 'error' },
    { input: '65536', want: 'error' },
    { input: 'abc', want: 'error' },
    { input: '12.5', want: 'error' },
  ];
  for (const c of cases) {
    if (c.want === 'error') assert.throws(() => parsePort(c.input), /port number/, c.input);
    else assert.equal(parsePort(c.input), c.want);
  }
});

test('tildePath', () => {
  assert.equal(tildePath('/home/u/.kube/config', '/home/u'), '~/.kube/config');
  assert.equal(tildePath('/home/user2/x', '/home/u'), '/home/user2/x');
});
