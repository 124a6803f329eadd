import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { duplexPair } from 'node:stream';
import { test } from 'node:test';
import { encodeFrame, FLAG_FIN } from './frames.ts';
import { HeaderCompressor } from './header-block.ts';
import { FrameParser } from './parser.ts';
import { SpdySession } from './session.ts';
import type { SpdyStream } from './stream.ts';

function pair(): { client: SpdySession; server: SpdySession } {
  const [a, b] = duplexPair();
  return { client: new SpdySession(a, { isServer: false }), server: new SpdySession(b, { isServer: true }) };
}

/** Reads to EOF without destroying the stream (a for-await loop would, and the write side is still needed). */
function readAll(s: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  s.on('data', (c: Buffer) => parts.push(c));
  return new Promise((resolve, reject) => { s.on('end', () => resolve(Buffer.concat(parts))); s.on('error', reject); });
}

test('client opens streams, server replies, data and FIN flow both ways', async () => {
  const { client, server } = pair();
  server.on('stream', (s: SpdyStream) => {
    s.reply({ ok: 'yes' });
    void readAll(s).then((b) => s.end(`${s.headers.streamtype}:${b.toString()}`));
  });
  const a = client.openStream({ streamtype: 'data', requestid: '0' });
  const b = client.openStream({ streamtype: 'error', requestid: '0' });
  assert.deepEqual([a.id, b.id], [1, 3]);
  assert.deepEqual(await a.replied, { ok: 'yes' });
  a.end('hello');
  b.end();
  assert.equal((await readAll(a)).toString(), 'data:hello');
  assert.equal((await readAll(b)).toString(), 'error:');
  client.close();
  await once(server, 'close');
});

test('ping from the client is echoed by the server', async () => {
  const { client, server } = pair();
  await client.ping();
  await client.ping();
  server.destroy();
});

test('peer RST destroys the stream and records the status', async () => {
  const { client, server } = pair();
  const got = new Promise<SpdyStream>((r) => server.on('stream', r));
  const c = client.openStream({ streamtype: 'stdout' });
  const s = await got;
  c.reset(5);
  await once(s, 'close');
  assert.equal(s.resetStatus, 5);
  client.destroy();
});

test('10 MB transfer with a slow reader keeps order and content (socket backpressure)', async () => {
  const { client, server } = pair();
  const data = randomBytes(10 * 1024 * 1024);
  server.on('stream', (s: SpdyStream) => { s.reply(); s.end(data); });
  const c = client.openStream({ streamtype: 'data' });
  c.end();
  const parts: Buffer[] = [];
  for await (const chunk of c) {
    parts.push(chunk as Buffer);
    if (parts.length % 50 === 0) await new Promise((r) => setImmediate(r));
  }
  const got = Buffer.concat(parts);
  assert.equal(createHash('sha256').update(got).digest('hex'), createHash('sha256').update(data).digest('hex'));
  client.destroy();
});

test('server refuses a SYN_STREAM with a server-parity id (protocol error)', async () => {
  const [a, b] = duplexPair();
  const server = new SpdySession(b, { isServer: true });
  let streams = 0;
  server.on('stream', () => streams++);
  const c = new SpdySession(a, { isServer: true }); // wrong role: opens even ids
  c.openStream({ streamtype: 'x' });
  const parser = new FrameParser();
  const rst = await new Promise((resolve) => a.on('data', (chunk: Buffer) => {
    for (const f of parser.push(chunk)) if (f.type === 'rstStream') resolve(f);
  }));
  assert.deepEqual(rst, { type: 'rstStream', streamId: 2, status: 1 });
  assert.equal(streams, 0);
  server.destroy();
});

/**
 * A client session with one stream open, and the peer's end of the pipe (what the client sends
 * is drained), with the peer's reply and an exit status on that stream as frames.
 */
async function clientAwaitingStatus() {
  const [a, b] = duplexPair();
  const client = new SpdySession(a, { isServer: false });
  const s = client.openStream({ streamtype: 'error' });
  b.on('data', () => undefined);
  const reply = encodeFrame({ type: 'synReply', streamId: s.id, flags: 0, block: await new HeaderCompressor().compress({}) });
  const status = (flags: number) => encodeFrame({ type: 'data', streamId: s.id, flags, data: Buffer.from('{"status":"Success"}') });
  return { a, b, client, s, reply, status };
}

test('a reply, the last data and the connection end in one packet: the data is still read', { timeout: 5000 }, async () => {
  // containerd answers a quick command like this: SYN_REPLY (decoded asynchronously), the exit
  // status with FIN, then it closes the connection.
  const { b, client, s, reply, status } = await clientAwaitingStatus();
  b.end(Buffer.concat([reply, status(FLAG_FIN)]));
  const [text] = await Promise.all([readAll(s), once(client, 'close')]);
  assert.equal(text.toString(), '{"status":"Success"}');
  assert.equal(client.closed, true);
});

test('data the peer sent without a FIN before ending the connection is still read, then the stream ends', { timeout: 5000 }, async () => {
  // spdystream's Close (what containerd's stream server uses) may drop the connection without
  // a FIN on each stream once its last data is written.
  const { b, s, reply, status } = await clientAwaitingStatus();
  b.end(Buffer.concat([reply, status(0)]));
  await s.replied;
  assert.equal((await readAll(s)).toString(), '{"status":"Success"}');
  assert.equal(s.peerFinished, false);
});

test('a stream the peer did not finish is torn down when the connection ends', { timeout: 5000 }, async () => {
  const [a, b] = duplexPair();
  const client = new SpdySession(a, { isServer: false });
  const s = client.openStream({ streamtype: 'stdout' });
  b.on('data', () => undefined);
  b.end();
  await once(s, 'close');
  assert.equal(s.readableEnded, false);
});

test('a reset connection still hands over the status that came before it', { timeout: 5000 }, async () => {
  // The reply's header block inflates asynchronously, so the status frame is still queued when
  // the reset arrives; the stream keeps it until read, and the session then reports the error.
  const { a, b, client, s, reply, status } = await clientAwaitingStatus();
  const errors: Error[] = [];
  client.on('error', (e: Error) => errors.push(e));
  b.write(Buffer.concat([reply, status(0)]));
  a.destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
  await new Promise((r) => client.once('close', r));
  assert.equal((await readAll(s)).toString(), '{"status":"Success"}', 'read after the session closed, as the exec bridge may');
  assert.deepEqual(errors.map((e) => e.message), ['read ECONNRESET']);
});
