/** The probe handlers against real local servers (HTTP, TCP, gRPC health) and the fake CRI (exec). */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTCP, type AddressInfo } from 'node:net';
import { Server as GrpcServer, ServerCredentials, status } from '@grpc/grpc-js';
import type { Container, Probe } from 'kubernetes-types/core/v1.d.ts';
import { FakeRuntimeService } from '../cri/fake.ts';
import { decodeCheckResponse, encodeCheckRequest } from './grpc.ts';
import { resolvePort, runProbeHandler } from './handler.ts';

let http: Server;
let httpPort = 0;
let seen: IncomingHttpHeaders = {};
let grpc: GrpcServer;
let grpcPort = 0;
const closedPort = await new Promise<number>((r) => { const s = createTCP().listen(0, '127.0.0.1', () => { const p = (s.address() as AddressInfo).port; s.close(() => r(p)); }); });

before(async () => {
  http = createServer((req, res) => {
    seen = req.headers;
    if (req.url === '/ok') { res.end('fine'); return; }
    if (req.url === '/moved') { res.writeHead(302, { location: '/ok' }); res.end(); return; }
    if (req.url === '/slow') return; // never answers
    res.writeHead(500); res.end('broken');
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  httpPort = (http.address() as AddressInfo).port;
  grpc = new GrpcServer();
  // The server side decodes by hand too; an object, since grpc-js treats a falsy request as none.
  grpc.register('/grpc.health.v1.Health/Check', ((call: { request: { service: string } }, cb: (e: unknown, v?: number) => void) => {
    if (call.request.service === 'missing') return cb({ code: status.NOT_FOUND, details: 'unknown service' });
    cb(null, call.request.service === 'down' ? 2 : 1);
  }) as never, (v: number) => Buffer.from(v ? [0x08, v] : []), (b: Buffer) => ({ service: b.length ? b.subarray(2).toString() : '' }), 'unary');
  grpcPort = await new Promise<number>((r, j) => grpc.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) => (e ? j(e) : r(p))));
});
after(() => { http.closeAllConnections(); http.close(); grpc.forceShutdown(); });

const container: Container = { name: 'app', ports: [{ name: 'http', containerPort: 0 }] };
const cri = new FakeRuntimeService();
const target = (probe: Probe, c: Container = container) => runProbeHandler(probe, { cri, containerId: 'nope', container: c, podIP: '127.0.0.1' });

test('gRPC health messages encode and decode', () => {
  assert.deepEqual(encodeCheckRequest(''), Buffer.alloc(0));
  assert.deepEqual(encodeCheckRequest('ab'), Buffer.from([0x0a, 2, 0x61, 0x62]));
  assert.equal(decodeCheckResponse(Buffer.from([0x08, 2])), 2);
  assert.equal(decodeCheckResponse(Buffer.alloc(0)), 0);
});

test('ports resolve by number or by name', () => {
  assert.equal(resolvePort(80, container), 80);
  assert.equal(resolvePort('http', { name: 'a', ports: [{ name: 'http', containerPort: 8080 }] }), 8080);
  assert.match((resolvePort('nope', container) as Error).message, /couldn't find port: nope in app/);
});

test('probe handlers: outcomes and messages', async () => {
  const cases: { name: string; probe: () => Probe; c?: Container; want: { result: string; output?: RegExp } }[] = [
    { name: 'http 200', probe: () => ({ httpGet: { path: '/ok', port: httpPort } }), want: { result: 'success', output: /^fine$/ } },
    { name: 'http 302 is success (not followed)', probe: () => ({ httpGet: { path: '/moved', port: httpPort } }), want: { result: 'success' } },
    { name: 'http 500', probe: () => ({ httpGet: { path: '/x', port: httpPort } }), want: { result: 'failure', output: /^HTTP probe failed with statuscode: 500$/ } },
    { name: 'http by port name', probe: () => ({ httpGet: { path: 'ok', port: 'web' } }), c: { name: 'app', ports: [{ name: 'web', containerPort: httpPort }] }, want: { result: 'success' } },
    { name: 'http refused', probe: () => ({ httpGet: { path: '/', port: closedPort } }),
      want: { result: 'failure', output: new RegExp(`^Get "http://127\\.0\\.0\\.1:${closedPort}/": dial tcp 127\\.0\\.0\\.1:${closedPort}: connect: connection refused$`) } },
    { name: 'http timeout', probe: () => ({ httpGet: { path: '/slow', port: httpPort }, timeoutSeconds: 0.2 }), want: { result: 'failure', output: /Client\.Timeout exceeded/ } },
    { name: 'http unknown port name is an error', probe: () => ({ httpGet: { port: 'nope' } }), want: { result: 'error', output: /couldn't find port/ } },
    { name: 'tcp open', probe: () => ({ tcpSocket: { port: httpPort } }), want: { result: 'success' } },
    { name: 'tcp closed', probe: () => ({ tcpSocket: { port: closedPort } }), want: { result: 'failure', output: /^dial tcp 127\.0\.0\.1:\d+: connect: connection refused$/ } },
    { name: 'grpc serving', probe: () => ({ grpc: { port: grpcPort } }), want: { result: 'success', output: /service healthy/ } },
    { name: 'grpc not serving', probe: () => ({ grpc: { port: grpcPort, service: 'down' } }), want: { result: 'failure', output: /^service unhealthy \(responded with "NOT_SERVING"\)$/ } },
    { name: 'grpc rpc error', probe: () => ({ grpc: { port: grpcPort, service: 'missing' } }), want: { result: 'failure', output: /^error: health rpc probe failed/ } },
    { name: 'grpc nothing listening', probe: () => ({ grpc: { port: closedPort }, timeoutSeconds: 0.3 }), want: { result: 'failure', output: /^timeout: failed to connect service "127\.0\.0\.1:\d+" within 0\.3s/ } },
  ];
  for (const c of cases) {
    const got = await target(c.probe(), c.c);
    assert.equal(got.result, c.want.result, `${c.name}: ${got.output}`);
    if (c.want.output) assert.match(got.output, c.want.output, c.name);
  }
});

test('http probes send kube-probe headers, and the probe\'s own', async () => {
  await target({ httpGet: { path: '/ok', port: httpPort, httpHeaders: [{ name: 'X-Custom', value: 'v' }, { name: 'Host', value: 'example.test' }] } });
  assert.equal(seen['user-agent'], 'kube-probe/1.33');
  assert.equal(seen.accept, '*/*');
  assert.equal(seen['x-custom'], 'v');
  assert.equal(seen.host, 'example.test');
});

test('exec probes: exit code decides, output kept; a dead container is an error', async () => {
  const f = new FakeRuntimeService();
  f.image.add('busybox');
  const sb = (await f.runtime.runPodSandbox({ config: { metadata: { name: 'p', uid: 'u', namespace: 'd' } } })).podSandboxId;
  const id = (await f.runtime.createContainer({ podSandboxId: sb, config: { metadata: { name: 'app' }, image: { image: 'busybox' } } })).containerId;
  await f.runtime.startContainer({ containerId: id });
  f.exec = (_id, cmd) => (cmd[0] === 'fail' ? { stdout: 'bad\n', exitCode: 1 } : { stdout: 'ok' });
  const run = (cmd: string[], cid = id) => runProbeHandler({ exec: { command: cmd }, timeoutSeconds: 2 }, { cri: f, containerId: cid, container });
  assert.deepEqual(await run(['ok']), { result: 'success', output: 'ok' });
  assert.deepEqual(await run(['fail']), { result: 'failure', output: 'bad\n' });
  assert.equal((await run(['ok'], 'gone')).result, 'error');
  assert.equal((f.calls.find((c) => c.method === 'execSync')!.request as { timeout: number }).timeout, 2);
});
