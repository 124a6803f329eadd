import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSubjectAltName } from './check.ts';

test('parseSubjectAltName reads Node\'s SAN text', () => {
  const cases = [
    { name: 'none', input: undefined, want: { dns: [], ips: [] } },
    { name: 'dns and ips', input: 'DNS:localhost, DNS:kubernetes.default, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
      want: { dns: ['localhost', 'kubernetes.default'], ips: ['127.0.0.1', '::1'] } },
    { name: 'quoted value with a comma', input: 'DNS:"a,b.example", IP Address:10.0.0.1', want: { dns: ['a,b.example'], ips: ['10.0.0.1'] } },
    { name: 'other kinds ignored', input: 'URI:https://x.example/, email:a@b.example, DNS:box', want: { dns: ['box'], ips: [] } },
  ];
  for (const c of cases) assert.deepEqual(parseSubjectAltName(c.input), c.want, c.name);
});
