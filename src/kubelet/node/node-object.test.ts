import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NodeCondition } from 'kubernetes-types/core/v1.d.ts';
import { parseResolvConf } from '../resolv.ts';
import { defaultRouteInterface, parseMeminfo, parseOsRelease, primaryIPv4, type HostInfo } from './host-info.ts';
import { conditionsToPost, nodeLabels, nodeStatusBase } from './node-object.ts';

const host: HostInfo = {
  hostname: 'h', cpus: 4, memoryBytes: 8 * 2 ** 30, ephemeralStorageBytes: 100 * 2 ** 30, kernelVersion: '6.1.0', osImage: 'Debian GNU/Linux 12 (bookworm)',
  machineID: 'abc', bootID: 'b', systemUUID: 's', architecture: 'amd64', operatingSystem: 'linux', internalIP: '10.1.2.3',
};
const T = new Date(Date.UTC(2026, 0, 1));
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

test('host parsers', () => {
  assert.equal(parseMeminfo('MemTotal:        8029184 kB\nMemFree: 1 kB\n'), 8029184 * 1024);
  assert.equal(parseOsRelease('NAME="Debian"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n'), 'Debian GNU/Linux 12 (bookworm)');
  const routes = 'Iface\tDestination\tGateway\nlo\t0000007F\t0\neth0\t00000000\t0102A8C0\n';
  assert.equal(defaultRouteInterface(routes), 'eth0');
  const ifaces = { lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }], docker0: [{ address: '172.17.0.1', family: 'IPv4', internal: false }], eth0: [{ address: '192.168.2.9', family: 'IPv4', internal: false }] };
  assert.equal(primaryIPv4(routes, ifaces as never), '192.168.2.9');
  assert.equal(primaryIPv4('Iface\tDestination\n', ifaces as never), '172.17.0.1');
});

test('parseResolvConf', () => {
  assert.deepEqual(parseResolvConf('# c\nnameserver 1.1.1.1\nnameserver 8.8.8.8 # x\nsearch a.b c\noptions ndots:2 edns0\n'),
    { servers: ['1.1.1.1', '8.8.8.8'], searches: ['a.b', 'c'], options: ['ndots:2', 'edns0'] });
});

test('node labels and status', () => {
  const shape = { name: 'n1', host, runtimeVersion: 'containerd://1.6.20', kubeletPort: 10250, controlPlane: true };
  assert.deepEqual(nodeLabels(shape), {
    'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': 'n1',
    'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/control-plane': '',
  });
  const s = nodeStatusBase(shape);
  assert.deepEqual(s.capacity, { cpu: '4', memory: '8388608Ki', pods: '110', 'ephemeral-storage': '104857600Ki' });
  assert.deepEqual(s.addresses, [{ type: 'InternalIP', address: '10.1.2.3' }, { type: 'Hostname', address: 'n1' }]);
  assert.equal(s.nodeInfo?.containerRuntimeVersion, 'containerd://1.6.20');
  assert.equal(s.nodeInfo?.kubeletVersion, 'v1.33.0-k8ts');
  assert.deepEqual(s.daemonEndpoints, { kubeletEndpoint: { Port: 10250 } });
  assert.deepEqual(nodeStatusBase({ ...shape, nodeIP: '10.9.9.9' }).addresses?.[0], { type: 'InternalIP', address: '10.9.9.9' });
});

const healthy = (beat: number, since = beat): NodeCondition[] => conditionsToPost(undefined, { runtimeReady: true }, new Date(since), 1)!
  .map((c) => ({ ...c, lastHeartbeatTime: iso(beat) }));

for (const c of [
  { name: 'first post', current: undefined, ready: true, now: 0, want: 'post' },
  { name: 'fresh heartbeat, same state: nothing', current: healthy(T.getTime()), ready: true, now: 30_000, want: 'skip' },
  { name: 'heartbeat older than a minute', current: healthy(T.getTime()), ready: true, now: 60_000, want: 'post' },
  { name: 'runtime went down', current: healthy(T.getTime()), ready: false, now: 1000, want: 'post' },
]) {
  test(`conditionsToPost: ${c.name}`, () => {
    const got = conditionsToPost(c.current, { runtimeReady: c.ready, message: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:cni' }, new Date(T.getTime() + c.now), 60_000);
    assert.equal(got ? 'post' : 'skip', c.want);
    if (got) {
      assert.deepEqual(got.map((x) => x.type), ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready']);
      const ready = got.find((x) => x.type === 'Ready')!;
      assert.equal(ready.status, c.ready ? 'True' : 'False');
      assert.equal(ready.reason, c.ready ? 'KubeletReady' : 'KubeletNotReady');
      // A heartbeat keeps the transition time; a change moves it.
      if (c.current && c.ready) assert.equal(ready.lastTransitionTime, iso(T.getTime()));
      if (c.current && !c.ready) assert.equal(ready.lastTransitionTime, iso(T.getTime() + c.now));
    }
  });
}
