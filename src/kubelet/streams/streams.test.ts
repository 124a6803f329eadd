/** Pure pieces of the kubelet's streaming bridge, table-driven; and the idle timeout against a fake runtime. */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { duplexPair, Writable } from 'node:stream';
import { test } from 'node:test';
import { WebSocket } from 'ws';
import { acceptSpdyUpgrade } from '../../streaming/upgrade-reply.ts';
import { SpdySession } from '../../streaming/spdy/session.ts';
import type { SpdyStream } from '../../streaming/spdy/stream.ts';
import type { CRIClient } from '../cri/service.ts';
import { bridgeCommand } from './command-bridge.ts';
import { execProcesses } from './exec-reaper.ts';
import { createStreamHandler, parseStreamPath } from './handler.ts';
import { resultFromStatus } from './status.ts';

test('resultFromStatus', () => {
  const cases = [
    { name: 'empty is success', input: '', want: { exitCode: 0 } },
    { name: 'Success', input: '{"metadata":{},"status":"Success"}', want: { exitCode: 0 } },
    { name: 'exit code', input: JSON.stringify({ status: 'Failure', reason: 'NonZeroExitCode', message: 'x', details: { causes: [{ reason: 'ExitCode', message: '3' }] } }), want: { exitCode: 3 } },
    { name: 'other failure', input: JSON.stringify({ status: 'Failure', reason: 'InternalError', message: 'boom' }), want: { error: 'boom' } },
    { name: 'plain text (old protocols)', input: 'something broke', want: { error: 'something broke' } },
  ];
  for (const c of cases) assert.deepEqual(resultFromStatus(c.input), c.want, c.name);
});

test('parseStreamPath', () => {
  const cases = [
    { name: 'exec', input: '/exec/default/web/c', want: { kind: 'exec', namespace: 'default', pod: 'web', container: 'c' } },
    { name: 'attach with uid', input: '/attach/ns/p/uid-1/c', want: { kind: 'attach', namespace: 'ns', pod: 'p', container: 'c' } },
    { name: 'portForward', input: '/portForward/ns/p', want: { kind: 'portForward', namespace: 'ns', pod: 'p', container: '' } },
    { name: 'exec without container', input: '/exec/ns/p', want: undefined },
    { name: 'other', input: '/run/ns/p/c', want: undefined },
    { name: 'escaped', input: '/exec/ns/p%2Dx/c', want: { kind: 'exec', namespace: 'ns', pod: 'p-x', container: 'c' } },
  ];
  for (const c of cases) assert.deepEqual(parseStreamPath(c.input), c.want, c.name);
});

test('execProcesses', () => {
  const ns = 'pid:[1]', other = 'pid:[2]';
  const procs = [
    { pid: 10, ppid: 1, pidns: 'host' }, // the shim
    { pid: 11, ppid: 10, pidns: other }, // pause
    { pid: 12, ppid: 10, pidns: ns }, // container init
    { pid: 13, ppid: 12, pidns: ns }, // init's child
    { pid: 20, ppid: 10, pidns: ns }, // the exec
    { pid: 21, ppid: 20, pidns: ns }, // its child
    { pid: 22, ppid: 21, pidns: ns }, // grandchild
    { pid: 30, ppid: 10, pidns: other }, // an exec in another container
  ];
  const cases = [
    { name: 'new shim child and its tree', input: new Set([12]), want: [20, 21, 22] },
    { name: 'nothing new', input: new Set([12, 20]), want: [] },
  ];
  for (const c of cases) assert.deepEqual(execProcesses(procs, { shimPid: 10, pidns: ns, before: c.input }).sort(), c.want, c.name);
});

test('an idle exec stream is closed after the timeout, and the runtime side with it', { timeout: 10_000 }, async () => {
  // A fake runtime stream server: accepts the SPDY upgrade, replies to the streams, stays silent.
  let runtimeClosed!: () => void;
  const runtimeGone = new Promise<void>((r) => { runtimeClosed = r; });
  const runtime = http.createServer();
  runtime.on('upgrade', (_req, socket) => {
    acceptSpdyUpgrade(socket, 'v4.channel.k8s.io');
    const s = new SpdySession(socket, { isServer: true });
    s.on('error', () => undefined);
    s.on('stream', (st: SpdyStream) => st.reply());
    s.on('close', () => runtimeClosed());
  });
  await new Promise<void>((r) => runtime.listen(0, '127.0.0.1', r));
  const rport = (runtime.address() as AddressInfo).port;
  const cri = { runtime: { exec: async () => ({ url: `http://127.0.0.1:${rport}/exec/tok` }), containerStatus: async () => { throw new Error('no'); } } } as unknown as CRIClient;
  const handler = createStreamHandler({ cri, idleTimeoutMs: 300, resolveContainer: async () => ({ id: 'c1' }) });
  const kubelet = http.createServer();
  kubelet.on('upgrade', (req, socket, head) => { void handler(parseStreamPath(new URL(req.url!, 'http://x').pathname)!, req, socket, head); });
  await new Promise<void>((r) => kubelet.listen(0, '127.0.0.1', r));
  const kport = (kubelet.address() as AddressInfo).port;
  try {
    const t0 = Date.now();
    const ws = new WebSocket(`ws://127.0.0.1:${kport}/exec/ns/p/c?command=sleep&stdout=true&stdin=true`, ['v5.channel.k8s.io']);
    ws.on('error', () => undefined);
    await new Promise<void>((r) => ws.on('close', () => r()));
    const took = Date.now() - t0;
    assert.ok(took >= 250 && took < 5000, `closed after ${took} ms`);
    await runtimeGone;
  } finally {
    kubelet.closeAllConnections();
    runtime.closeAllConnections();
    await Promise.all([new Promise((r) => kubelet.close(r)), new Promise((r) => runtime.close(r))]);
  }
});

test('bridgeCommand reads the runtime status however the runtime ends the streams', async () => {
  const cases: { name: string; end: (error: SpdyStream, stdout: SpdyStream, runtime: SpdySession) => void; want: object }[] = [
    { name: 'status, FIN on every stream', end: (e, o) => { o.end('out'); e.end('{"status":"Success"}'); }, want: { exitCode: 0 } },
    { name: 'status then the connection ends without FINs (spdystream Close)', end: (e, o, runtime) => { o.write('out'); e.write('{"status":"Failure","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}'); runtime.close(); }, want: { exitCode: 3 } },
    { name: 'FIN without a status (older protocols: success)', end: (e, o) => { o.end(); e.end(); }, want: { exitCode: 0 } },
    { name: 'the status stream reset', end: (e, o) => { o.end(); e.reset(5); }, want: { error: 'the container runtime closed the stream without a status' } },
  ];
  for (const c of cases) {
    const [a, b] = duplexPair();
    const runtime = new SpdySession(b, { isServer: true });
    runtime.on('error', () => undefined);
    const streams = new Map<string, SpdyStream>();
    runtime.on('stream', (s: SpdyStream) => {
      s.reply();
      streams.set(String(s.headers.streamtype), s);
      if (streams.size === 2) c.end(streams.get('error')!, streams.get('stdout')!, runtime);
    });
    const out: Buffer[] = [];
    const r = await bridgeCommand(new SpdySession(a, { isServer: false }),
      { stdout: new Writable({ write: (chunk, _e, cb) => { out.push(chunk); cb(); } }), signal: new AbortController().signal }, false);
    assert.deepEqual(r, c.want, c.name);
    runtime.destroy();
  }
});
