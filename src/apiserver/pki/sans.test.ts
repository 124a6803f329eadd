import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covers, normalizeIP, wantedSANs } from './sans.ts';

test('wantedSANs sorts names into DNS and IP, keeping the fixed ones', () => {
  const cases = [
    { name: 'nothing extra', input: [], want: { dns: ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc'], ips: ['127.0.0.1', '::1'] } },
    { name: 'host and addresses', input: ['Box1', '10.0.0.5', 'fe80::1%eth0', '[2001:db8::1]'], want: { dns: ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'box1'], ips: ['127.0.0.1', '::1', '10.0.0.5', 'fe80::1', '2001:db8::1'] } },
    { name: 'wildcards and duplicates dropped', input: ['0.0.0.0', '::', '', '127.0.0.1', 'localhost', '0:0:0:0:0:0:0:1'], want: { dns: ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc'], ips: ['127.0.0.1', '::1'] } },
  ];
  for (const c of cases) assert.deepEqual(wantedSANs(c.input), c.want, c.name);
});

test('covers', () => {
  const have = { dns: ['localhost', 'Box1'], ips: ['127.0.0.1', '0:0:0:0:0:0:0:1'] };
  const cases = [
    { name: 'subset', want: { dns: ['box1'], ips: ['::1'] }, ok: true },
    { name: 'missing ip', want: { dns: [], ips: ['10.0.0.5'] }, ok: false },
    { name: 'missing name', want: { dns: ['other'], ips: [] }, ok: false },
    { name: 'empty', want: { dns: [], ips: [] }, ok: true },
  ];
  for (const c of cases) assert.equal(covers(have, c.want), c.ok, c.name);
});

test('normalizeIP', () => {
  const cases = [
    { input: '10.1.2.3', want: '10.1.2.3' },
    { input: '0:0:0:0:0:0:0:1', want: '::1' },
    { input: '2001:DB8:0:0::1', want: '2001:db8::1' },
  ];
  for (const c of cases) assert.equal(normalizeIP(c.input), c.want, c.input);
});
