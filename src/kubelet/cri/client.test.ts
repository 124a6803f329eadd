// The gRPC client against an in-process grpc-js server speaking the same
// proto: checks the decoded shapes types.ts promises, error mapping and deadlines.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { connectCRI, criDefinition } from './client.ts';
import { Code, CRIError, isNotFound } from './service.ts';

const dir = mkdtempSync(join(tmpdir(), 'cri-client-'));
const sock = join(dir, 'cri.sock');
const seen: Record<string, unknown> = {};
const server = new grpc.Server();
const def = criDefinition();
server.addService(def['runtime.v1.RuntimeService'] as grpc.ServiceDefinition, {
  Version: (call: grpc.ServerUnaryCall<any, any>, cb: grpc.sendUnaryData<any>) => {
    seen.Version = call.request;
    cb(null, { version: '0.1.0', runtimeName: 'containerd', runtimeVersion: '1.6.20', runtimeApiVersion: 'v1' });
  },
  ContainerStatus: (call: grpc.ServerUnaryCall<any, any>, cb: grpc.sendUnaryData<any>) => {
    if (call.request.containerId !== 'c1') return cb({ code: grpc.status.NOT_FOUND, details: 'no such container' });
    cb(null, { status: { id: 'c1', state: 'CONTAINER_EXITED', createdAt: 1_700_000_000_123_456_789, exitCode: 137, reason: 'OOMKilled' } });
  },
  CreateContainer: (call: grpc.ServerUnaryCall<any, any>, cb: grpc.sendUnaryData<any>) => {
    seen.CreateContainer = call.request;
    cb(null, { containerId: 'new' });
  },
  ExecSync: (_call: grpc.ServerUnaryCall<any, any>, cb: grpc.sendUnaryData<any>) => {
    cb(null, { stdout: Buffer.from('hi\n'), exitCode: 3 });
  },
  Status: () => { /* never answers: exercises the deadline */ },
} as grpc.UntypedServiceImplementation);
await new Promise<void>((res, rej) => server.bindAsync(`unix://${sock}`, grpc.ServerCredentials.createInsecure(), (e) => (e ? rej(e) : res())));
const cri = connectCRI(sock);
after(() => { cri.close(); server.forceShutdown(); rmSync(dir, { recursive: true, force: true }); });

test('version decodes camelCase fields and sends the request', async () => {
  const v = await cri.runtime.version({ version: '0.1.0' });
  assert.deepEqual(v, { version: '0.1.0', runtimeName: 'containerd', runtimeVersion: '1.6.20', runtimeApiVersion: 'v1' });
  assert.deepEqual(seen.Version, { version: '0.1.0' });
});

test('container status: enums as names, int64 as number, defaults filled, unset messages null', async () => {
  const s = (await cri.runtime.containerStatus({ containerId: 'c1' })).status!;
  assert.equal(s.state, 'CONTAINER_EXITED');
  assert.equal(typeof s.createdAt, 'number');
  assert.ok(Math.abs(s.createdAt - 1_700_000_000_123_456_789) < 1_000);
  assert.deepEqual([s.exitCode, s.reason, s.startedAt, s.message, s.metadata, s.mounts, s.labels], [137, 'OOMKilled', 0, '', null, [], {}]);
});

test('NOT_FOUND maps to a CRIError that isNotFound recognises', async () => {
  const e = await cri.runtime.containerStatus({ containerId: 'zz' }).then(() => null, (x: unknown) => x);
  assert.ok(e instanceof CRIError);
  assert.equal(e.code, Code.NOT_FOUND);
  assert.equal(e.method, 'ContainerStatus');
  assert.equal(e.details, 'no such container');
  assert.ok(isNotFound(e));
});

test('nested request fields and enums encode', async () => {
  await cri.runtime.createContainer({
    podSandboxId: 's1',
    config: {
      metadata: { name: 'c', attempt: 2 }, image: { image: 'busybox' }, envs: [{ key: 'A', value: 'b' }],
      linux: {
        resources: { memoryLimitInBytes: 33554432, cpuQuota: 50000, cpuPeriod: 100000 },
        securityContext: { namespaceOptions: { pid: 'TARGET', targetId: 'other' }, runAsUser: { value: 1000 } },
      },
      mounts: [{ containerPath: '/data', hostPath: '/tmp/x', propagation: 'PROPAGATION_HOST_TO_CONTAINER' }],
    },
  });
  const r = seen.CreateContainer as any;
  assert.equal(r.podSandboxId, 's1');
  assert.deepEqual(r.config.metadata, { name: 'c', attempt: 2 });
  assert.equal(r.config.linux.resources.memoryLimitInBytes, 33554432);
  assert.deepEqual([r.config.linux.securityContext.namespaceOptions.pid, r.config.linux.securityContext.namespaceOptions.targetId], ['TARGET', 'other']);
  assert.equal(r.config.mounts[0].propagation, 'PROPAGATION_HOST_TO_CONTAINER');
  assert.deepEqual(r.config.envs, [{ key: 'A', value: 'b' }]);
});

test('bytes decode to Buffers', async () => {
  const r = await cri.runtime.execSync({ containerId: 'c1', cmd: ['echo', 'hi'], timeout: 5 });
  assert.ok(Buffer.isBuffer(r.stdout));
  assert.deepEqual([r.stdout.toString(), r.stderr.length, r.exitCode], ['hi\n', 0, 3]);
});

test('per-call deadline gives DEADLINE_EXCEEDED', async () => {
  const started = performance.now();
  const e = await cri.runtime.status({}, { timeoutMs: 100 }).then(() => null, (x: CRIError) => x);
  assert.equal(e?.code, Code.DEADLINE_EXCEEDED);
  assert.ok(performance.now() - started < 5_000);
});

test('unimplemented RPC maps to UNIMPLEMENTED', async () => {
  const e = await cri.image.listImages().then(() => null, (x: CRIError) => x);
  assert.equal(e?.code, Code.UNIMPLEMENTED);
});
