import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatIP4, ip4InCidr, parseCidr4, PodIPAllocator } from './ip-alloc.ts';

test('parseCidr4', () => {
  const cases = [
    { name: '/24', input: '10.244.1.0/24', want: { base: formatBase('10.244.1.0'), size: 256 } },
    { name: 'host bits masked', input: '10.244.1.77/24', want: { base: formatBase('10.244.1.0'), size: 256 } },
    { name: '/16', input: '172.30.0.0/16', want: { base: formatBase('172.30.0.0'), size: 65536 } },
    { name: 'ipv6', input: 'fd00::/64', want: undefined },
    { name: 'bad octet', input: '10.300.0.0/24', want: undefined },
    { name: 'bad bits', input: '10.0.0.0/33', want: undefined },
  ];
  for (const c of cases) assert.deepEqual(parseCidr4(c.input), c.want, c.name);
});

function formatBase(ip: string): number { return ip.split('.').reduce((a, o) => a * 256 + Number(o), 0); }

test('ip4InCidr', () => {
  const cases = [
    { name: 'inside', input: ['10.244.1.9', '10.244.1.0/24'], want: true },
    { name: 'outside', input: ['10.244.2.9', '10.244.1.0/24'], want: false },
    { name: 'bad cidr', input: ['10.244.1.9', 'x'], want: false },
  ];
  for (const c of cases) assert.equal(ip4InCidr(c.input[0], c.input[1]), c.want, c.name);
});

test('PodIPAllocator', () => {
  type Step = ['alloc', string, string | undefined] | ['release', string] | ['reserve', string, string];
  const cases: { name: string; cidr: string; steps: Step[] }[] = [
    { name: 'skips .0 and .1, one address per uid', cidr: '10.244.1.0/24', steps: [
      ['alloc', 'a', '10.244.1.2'], ['alloc', 'b', '10.244.1.3'], ['alloc', 'a', '10.244.1.2']] },
    { name: 'round robin: a released address is not reused at once', cidr: '10.244.1.0/24', steps: [
      ['alloc', 'a', '10.244.1.2'], ['release', 'a'], ['alloc', 'b', '10.244.1.3']] },
    { name: 'reserved addresses are skipped', cidr: '10.244.1.0/24', steps: [
      ['reserve', 'x', '10.244.1.2'], ['reserve', 'y', '10.244.1.3'], ['alloc', 'a', '10.244.1.4']] },
    { name: '/29 holds 5 pods (.2–.6, never broadcast .7), then is full; a release frees one', cidr: '10.0.0.0/29', steps: [
      ['alloc', 'a', '10.0.0.2'], ['alloc', 'b', '10.0.0.3'], ['alloc', 'c', '10.0.0.4'], ['alloc', 'd', '10.0.0.5'],
      ['alloc', 'e', '10.0.0.6'], ['alloc', 'f', undefined], ['release', 'c'], ['alloc', 'f', '10.0.0.4']] },
    { name: 'wraps around after the last address', cidr: '10.0.0.0/29', steps: [
      ['alloc', 'a', '10.0.0.2'], ['alloc', 'b', '10.0.0.3'], ['alloc', 'c', '10.0.0.4'], ['alloc', 'd', '10.0.0.5'],
      ['alloc', 'e', '10.0.0.6'], ['release', 'a'], ['alloc', 'f', '10.0.0.2']] },
    { name: '/31 has no room', cidr: '10.0.0.0/31', steps: [['alloc', 'a', undefined]] },
    { name: 'ipv6 unsupported', cidr: 'fd00::/64', steps: [['alloc', 'a', undefined]] },
  ];
  for (const c of cases) {
    const a = new PodIPAllocator();
    c.steps.forEach((s, i) => {
      if (s[0] === 'alloc') assert.equal(a.allocate(s[1], c.cidr), s[2], `${c.name}: step ${i}`);
      else if (s[0] === 'release') a.release(s[1]);
      else a.reserve(s[1], s[2]);
    });
  }
});
