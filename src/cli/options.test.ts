import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientURL, clusterArgs, parseDuration, parsePort, resolveOptions, tildePath } from './options.ts';

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
    { name: 'defaults', input: { dataDir: '~/.k8ts' }, want: { dataDir: '/home/u/.k8ts', apiPort: 6443, bindAddress: '127.0.0.1', datastore: 'sqlite:/home/u/.k8ts/state.db', kubeconfig: undefined, verbose: false, simulatedNodes: undefined, node: true, registryMirrors: {}, kubeletPort: 10250, clusterCIDR: undefined, nodeCIDRMaskSize: undefined, apiOnly: undefined, controlPlaneThread: true, simStartDelayMs: undefined } },
    { name: 'explicit', input: { dataDir: '/d', apiPort: 7443, bindAddress: '0.0.0.0', datastore: 'etcd://h:2379', kubeconfig: '~/kc', verbose: true, simulatedNodes: 3, simulatedStartDelay: 2500 }, want: { dataDir: '/d', apiPort: 7443, bindAddress: '0.0.0.0', datastore: 'etcd://h:2379', kubeconfig: '/home/u/kc', verbose: true, simulatedNodes: 3, node: true, registryMirrors: {}, kubeletPort: 10250, clusterCIDR: undefined, nodeCIDRMaskSize: undefined, apiOnly: undefined, controlPlaneThread: true, simStartDelayMs: 2500 } },
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

test('parseDuration reads Go-style durations into ms', () => {
  const cases = [
    { input: '100ms', want: 100 },
    { input: '2s', want: 2000 },
    { input: '1.5s', want: 1500 },
    { input: '1m30s', want: 90_000 },
    { input: '1h', want: 3_600_000 },
    { input: '0s', want: 0 },
    { input: '100', want: 'error' },
    { input: '-1s', want: 'error' },
    { input: '2 s', want: 'error' },
    { input: 's', want: 'error' },
    { input: '1d', want: 'error' },
  ];
  for (const c of cases) {
    if (c.want === 'error') assert.throws(() => parseDuration(c.input), /duration/, c.input);
    else assert.equal(parseDuration(c.input), c.want, c.input);
  }
});

test('clusterArgs passes the simulated start delay on to the server', () => {
  const o = resolveOptions({ dataDir: '/d', simulatedStartDelay: 2500 }, '/home/u');
  const args = clusterArgs(o);
  assert.deepEqual(args.slice(args.indexOf('--simulated-start-delay'), args.indexOf('--simulated-start-delay') + 2), ['--simulated-start-delay', '2500ms']);
  assert.ok(!clusterArgs(resolveOptions({ dataDir: '/d' }, '/home/u')).includes('--simulated-start-delay'));
});

test('tildePath', () => {
  assert.equal(tildePath('/home/u/.kube/config', '/home/u'), '~/.kube/config');
  assert.equal(tildePath('/home/user2/x', '/home/u'), '/home/user2/x');
});
