import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLogOptions } from './log-options.ts';

const NOW = new Date('2026-01-01T00:01:00Z');
const base = { follow: false, previous: false, timestamps: false, tail: -1, bytes: -1, since: 0n };
const ns = (iso: string) => BigInt(Date.parse(iso)) * 1_000_000n;

test('parseLogOptions reads the kubelet query', () => {
  const cases = [
    { name: 'nothing', input: '', want: { ok: base } },
    { name: 'flags', input: 'follow=true&previous=1&timestamps=True', want: { ok: { ...base, follow: true, previous: true, timestamps: true } } },
    { name: 'tailLines and limitBytes', input: 'tailLines=2&limitBytes=10', want: { ok: { ...base, tail: 2, bytes: 10 } } },
    { name: 'legacy tail', input: 'tail=5', want: { ok: { ...base, tail: 5 } } },
    { name: 'tail=all is no limit', input: 'tail=all&tailLines=3', want: { ok: base } },
    { name: 'sinceSeconds from now', input: 'sinceSeconds=30', want: { ok: { ...base, since: ns('2026-01-01T00:00:30Z') } } },
    { name: 'sinceTime', input: 'sinceTime=2025-12-31T23:00:00Z', want: { ok: { ...base, since: ns('2025-12-31T23:00:00Z') } } },
    { name: 'bad bool', input: 'follow=yes', want: { code: 400, message: '{"message": "Unable to decode query."}' } },
    { name: 'bad int', input: 'tailLines=x', want: { code: 400, message: '{"message": "Unable to decode query."}' } },
    { name: 'bad time', input: 'sinceTime=now', want: { code: 400, message: '{"message": "Unable to decode query."}' } },
    { name: 'negative tail', input: 'tailLines=-1', want: { code: 422, message: '{"message": "Invalid request."}' } },
    { name: 'zero bytes', input: 'limitBytes=0', want: { code: 422, message: '{"message": "Invalid request."}' } },
    { name: 'both since forms', input: 'sinceSeconds=1&sinceTime=2025-12-31T23:00:00Z', want: { code: 422, message: '{"message": "Invalid request."}' } },
  ];
  for (const c of cases) assert.deepEqual(parseLogOptions(new URLSearchParams(c.input), NOW), c.want, c.name);
});
