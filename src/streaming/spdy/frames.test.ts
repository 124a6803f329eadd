import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { spdy3Dictionary } from './dictionary.ts';
import { encodeFrame, type Frame } from './frames.ts';
import { type SpdyHeaders, decodeHeaderBlock, encodeHeaderBlock, HeaderCompressor, HeaderDecompressor } from './header-block.ts';
import { FrameParser, SpdyProtocolError } from './parser.ts';

test('SPDY/3 dictionary matches the published bytes', () => {
  assert.equal(spdy3Dictionary.length, 1423);
  assert.equal(createHash('sha256').update(spdy3Dictionary).digest('hex'),
    '51d27341373f923f3cd88e1eb7162aeaa3723d7585ff2399201dc06498407f02');
});

const frames: { name: string; input: Frame; wantHex?: string }[] = [
  { name: 'data FIN empty', input: { type: 'data', streamId: 3, flags: 1, data: Buffer.alloc(0) }, wantHex: '0000000301000000' },
  { name: 'data payload', input: { type: 'data', streamId: 5, flags: 0, data: Buffer.from('hi') }, wantHex: '00000005000000026869' },
  { name: 'syn_stream', input: { type: 'synStream', streamId: 1, associatedId: 0, priority: 0, flags: 0, block: Buffer.from([1, 2]) },
    wantHex: '800300010000000c0000000100000000000001' + '02' },
  { name: 'syn_reply FIN', input: { type: 'synReply', streamId: 7, flags: 1, block: Buffer.from([9]) }, wantHex: '800300020100000500000007' + '09' },
  { name: 'headers', input: { type: 'headers', streamId: 9, flags: 0, block: Buffer.alloc(0) } },
  { name: 'rst cancel', input: { type: 'rstStream', streamId: 1, status: 5 }, wantHex: '80030003000000080000000100000005' },
  { name: 'settings', input: { type: 'settings', flags: 0, entries: [{ flags: 1, id: 7, value: 65536 }] } },
  { name: 'ping', input: { type: 'ping', id: 3 }, wantHex: '800300060000000400000003' },
  { name: 'goaway', input: { type: 'goAway', lastStreamId: 7, status: 0 }, wantHex: '80030007000000080000000700000000' },
  { name: 'window update', input: { type: 'windowUpdate', streamId: 1, delta: 1000 } },
  { name: 'unknown type kept', input: { type: 'unknown', frameType: 99, flags: 0, payload: Buffer.from('x') } },
];

for (const tc of frames) {
  test(`frame round trip: ${tc.name}`, () => {
    const wire = encodeFrame(tc.input);
    if (tc.wantHex) assert.equal(wire.toString('hex'), tc.wantHex);
    assert.deepEqual(new FrameParser().push(wire), [tc.input]);
  });
}

test('parser reassembles frames split at every byte and several frames per chunk', () => {
  const all = frames.map((f) => f.input);
  const wire = Buffer.concat(all.map(encodeFrame));
  for (const size of [1, 2, 3, 7, 13, wire.length]) {
    const p = new FrameParser();
    const got: Frame[] = [];
    for (let i = 0; i < wire.length; i += size) got.push(...p.push(wire.subarray(i, i + size)));
    assert.deepEqual(got, all, `chunk size ${size}`);
  }
});

const badFrames = [
  { name: 'data on stream 0', input: '0000000000000000' },
  { name: 'version 2', input: '800200060000000400000001' },
  { name: 'short rst', input: '800300030000000400000001' },
];
for (const tc of badFrames) {
  test(`parser rejects ${tc.name}`, () => {
    assert.throws(() => new FrameParser().push(Buffer.from(tc.input, 'hex')), SpdyProtocolError);
  });
}

const blocks: { name: string; input: SpdyHeaders }[] = [
  { name: 'empty', input: {} },
  { name: 'kubectl port-forward error stream', input: { streamtype: 'error', port: '8080', requestid: '0' } },
  { name: 'multi value with NUL', input: { 'x-a': 'one\0two' } },
];
for (const tc of blocks) {
  test(`header block round trip: ${tc.name}`, () => assert.deepEqual(decodeHeaderBlock(encodeHeaderBlock(tc.input)), tc.input));
}

test('header block rejects upper-case names (Go treats them as an error)', () => {
  const raw = Buffer.from('00000001000000014100000001' + '62', 'hex');
  assert.throws(() => decodeHeaderBlock(raw), SpdyProtocolError);
});

test('compression contexts persist across blocks (second block refers back to the first)', async () => {
  const c = new HeaderCompressor();
  const d = new HeaderDecompressor();
  const seq: SpdyHeaders[] = [{ streamtype: 'error' }, { streamtype: 'stdout' }, { streamtype: 'error', requestid: '1' }, {}];
  const sizes: number[] = [];
  for (const h of seq) {
    const block = await c.compress(h);
    sizes.push(block.length);
    assert.deepEqual(await d.decompress(block), h);
  }
  // A lone block compressed by a fresh context cannot be read by a context that has state.
  const fresh = await new HeaderCompressor().compress({ streamtype: 'error' });
  await assert.rejects(d.decompress(fresh));
  c.close(); d.close();
});
