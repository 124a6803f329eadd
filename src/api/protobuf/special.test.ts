import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeDuration, decodeIntOrString, decodeMicroTime, decodeQuantity, decodeRawJSON, decodeTime, goDuration } from './special.ts';
import { lf, sf, vf } from './testdata/builder.ts';

const bytes = (...parts: number[][]) => Uint8Array.from(parts.flat());

test('special messages print their JSON form', () => {
  const cases: { name: string; decode: (b: Uint8Array) => unknown; input: Uint8Array; want: unknown }[] = [
    { name: 'empty Time is null', decode: decodeTime, input: bytes(), want: null },
    { name: 'Time drops nanos', decode: decodeTime, input: bytes(vf(1, 1704164705), vf(2, 123456789)), want: '2024-01-02T03:05:05Z' },
    { name: 'Time at the epoch', decode: decodeTime, input: bytes(vf(1, 0), vf(2, 0)), want: '1970-01-01T00:00:00Z' },
    { name: 'MicroTime keeps 6 digits', decode: decodeMicroTime, input: bytes(vf(1, 1704164705), vf(2, 1_500_000)), want: '2024-01-02T03:05:05.001500Z' },
    { name: 'MicroTime zero micros', decode: decodeMicroTime, input: bytes(vf(1, 1704164705)), want: '2024-01-02T03:05:05.000000Z' },
    { name: 'empty MicroTime is null', decode: decodeMicroTime, input: bytes(), want: null },
    { name: 'IntOrString int', decode: decodeIntOrString, input: bytes(vf(1, 0), vf(2, 8080), sf(3, '')), want: 8080 },
    { name: 'IntOrString string', decode: decodeIntOrString, input: bytes(vf(1, 1), vf(2, 0), sf(3, '25%')), want: '25%' },
    { name: 'IntOrString empty is 0', decode: decodeIntOrString, input: bytes(), want: 0 },
    { name: 'Quantity', decode: decodeQuantity, input: bytes(sf(1, '500m')), want: '500m' },
    { name: 'Duration', decode: decodeDuration, input: bytes(vf(1, 90_000_000_000)), want: '1m30s' },
    { name: 'FieldsV1 raw JSON', decode: decodeRawJSON, input: bytes(sf(1, '{"f:metadata":{}}')), want: { 'f:metadata': {} } },
    { name: 'empty RawExtension is null', decode: decodeRawJSON, input: bytes(lf(1, [])), want: null },
  ];
  for (const c of cases) assert.deepEqual(c.decode(c.input), c.want, c.name);
});

test('durations print like Go time.Duration.String()', () => {
  const cases: { input: bigint; want: string }[] = [
    { input: 0n, want: '0s' }, { input: 1n, want: '1ns' }, { input: 1500n, want: '1.5\u00b5s' },
    { input: 2_000_000n, want: '2ms' }, { input: 1_500_000_000n, want: '1.5s' }, { input: 3_600_000_000_000n, want: '1h0m0s' },
    { input: 3_723_500_000_000n, want: '1h2m3.5s' }, { input: -30_000_000_000n, want: '-30s' },
  ];
  for (const c of cases) assert.equal(goDuration(c.input), c.want, String(c.input));
});
