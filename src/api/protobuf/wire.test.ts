import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WireReader, toInt32, toInt64 } from './wire.ts';
import { isStatusError } from '../errors.ts';
import { varint } from './testdata/builder.ts';

test('varints decode to the two\'s-complement integers Go wrote', () => {
  const cases: { name: string; input: number[]; want32?: number; want64: number }[] = [
    { name: 'zero', input: [0x00], want32: 0, want64: 0 },
    { name: 'one byte max', input: [0x7f], want32: 127, want64: 127 },
    { name: 'two bytes', input: [0xac, 0x02], want32: 300, want64: 300 },
    { name: 'negative int32 uses ten bytes', input: varint(-5), want32: -5, want64: -5 },
    { name: 'large int64 seconds', input: varint(1704164705), want64: 1704164705 },
    { name: 'int64 above 2^32', input: varint(2 ** 40 + 3), want64: 2 ** 40 + 3 },
  ];
  for (const c of cases) {
    const v = new WireReader(Uint8Array.from(c.input)).varint();
    assert.equal(toInt64(v), c.want64, c.name);
    if (c.want32 !== undefined) assert.equal(toInt32(v), c.want32, c.name);
  }
});

test('malformed input is a BadRequest StatusError', () => {
  const cases: { name: string; input: number[]; read: (r: WireReader) => unknown; want: RegExp }[] = [
    { name: 'truncated varint', input: [0x80, 0x80], read: (r) => r.varint(), want: /truncated varint/ },
    { name: 'overlong varint', input: Array(11).fill(0xff), read: (r) => r.varint(), want: /longer than 10 bytes/ },
    { name: 'length past the end', input: [0x05, 0x61], read: (r) => r.bytes(), want: /truncated length-delimited/ },
    { name: 'field number zero', input: [0x02], read: (r) => r.tag(), want: /invalid field number 0/ },
    { name: 'group wire type', input: [0x0b], read: (r) => r.skip(r.tag().wire), want: /unsupported wire type 3/ },
  ];
  for (const c of cases) {
    assert.throws(() => c.read(new WireReader(Uint8Array.from(c.input))), (e: unknown) => {
      assert.ok(isStatusError(e), c.name);
      assert.equal(e.code, 400, c.name);
      assert.match(e.message, c.want, c.name);
      return true;
    });
  }
});
