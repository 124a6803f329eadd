import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressesOutside } from './bridge.ts';

test('addressesOutside: the bridge addresses that do not belong to the new podCIDR', () => {
  const link = (...addrs: [string, string][]) => JSON.stringify([{ ifname: 'k8tsabc', addr_info: addrs.map(([family, local]) => ({ family, local, prefixlen: 24 })) }]);
  const cases = [
    { name: 'the gateway of the same range', input: link(['inet', '10.244.3.1']), cidr: '10.244.3.0/24', want: [] },
    { name: 'a gateway of another range', input: link(['inet', '10.244.0.1']), cidr: '10.244.3.0/24', want: ['10.244.0.1'] },
    { name: 'IPv6 link-local is not judged', input: link(['inet6', 'fe80::1'], ['inet', '10.244.3.1']), cidr: '10.244.3.0/24', want: [] },
    { name: 'no address yet', input: link(), cidr: '10.244.3.0/24', want: [] },
    { name: 'nothing printed', input: '', cidr: '10.244.3.0/24', want: [] },
  ];
  for (const c of cases) assert.deepEqual(addressesOutside(c.input, c.cidr), c.want, c.name);
});
