import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeRuntimeService } from './fake.ts';
import { Code, CRIError, isNotFound } from './service.ts';

const IMG = 'docker.io/library/busybox:latest';

/** A fake with the image present, one ready sandbox, and one created container. */
async function setup() {
  const f = new FakeRuntimeService();
  let t = 1_000;
  f.now = () => ++t;
  f.image.add(IMG);
  const sandboxConfig = { metadata: { name: 'p', uid: 'u1', namespace: 'default' }, logDirectory: '/logs/default_p_u1/' };
  const { podSandboxId } = await f.runtime.runPodSandbox({ config: sandboxConfig });
  const { containerId } = await f.runtime.createContainer({
    podSandboxId, sandboxConfig,
    config: { metadata: { name: 'c' }, image: { image: IMG }, logPath: 'c/0.log', labels: { app: 'x' } },
  });
  return { f, podSandboxId, containerId };
}

type Env = Awaited<ReturnType<typeof setup>>;

const cases: { name: string; run: (e: Env) => Promise<unknown>; want: unknown }[] = [
  {
    name: 'created container status',
    run: async ({ f, containerId }) => {
      const s = (await f.runtime.containerStatus({ containerId })).status!;
      return [s.state, s.startedAt, s.logPath, s.metadata, s.imageRef.startsWith('sha256:')];
    },
    want: ['CONTAINER_CREATED', 0, '/logs/default_p_u1/c/0.log', { name: 'c', attempt: 0 }, true],
  },
  {
    name: 'start makes it running with a start time',
    run: async ({ f, containerId }) => {
      await f.runtime.startContainer({ containerId });
      const s = (await f.runtime.containerStatus({ containerId })).status!;
      return [s.state, s.startedAt > s.createdAt, s.finishedAt];
    },
    want: ['CONTAINER_RUNNING', true, 0],
  },
  {
    name: 'exit by itself with code 0 is Completed',
    run: async ({ f, containerId }) => {
      await f.runtime.startContainer({ containerId });
      f.exitContainer(containerId, 0);
      const s = (await f.runtime.containerStatus({ containerId })).status!;
      return [s.state, s.exitCode, s.reason, s.finishedAt > s.startedAt];
    },
    want: ['CONTAINER_EXITED', 0, 'Completed', true],
  },
  {
    name: 'OOM kill',
    run: async ({ f, containerId }) => {
      await f.runtime.startContainer({ containerId });
      f.exitContainer(containerId, 137, 'OOMKilled');
      const s = (await f.runtime.containerStatus({ containerId })).status!;
      return [s.exitCode, s.reason];
    },
    want: [137, 'OOMKilled'],
  },
  {
    name: 'stop a running container: 137 Error',
    run: async ({ f, containerId }) => {
      await f.runtime.startContainer({ containerId });
      await f.runtime.stopContainer({ containerId, timeout: 30 });
      const s = (await f.runtime.containerStatus({ containerId })).status!;
      return [s.state, s.exitCode, s.reason];
    },
    want: ['CONTAINER_EXITED', 137, 'Error'],
  },
  {
    name: 'start twice fails',
    run: async ({ f, containerId }) => {
      await f.runtime.startContainer({ containerId });
      return f.runtime.startContainer({ containerId }).then(() => 'ok', (e: CRIError) => e.code);
    },
    want: Code.UNKNOWN,
  },
  {
    name: 'status of unknown container is NOT_FOUND',
    run: ({ f }) => f.runtime.containerStatus({ containerId: 'nope' }).then(() => 'ok', (e) => isNotFound(e)),
    want: true,
  },
  {
    name: 'removes are idempotent',
    run: async ({ f }) => {
      await f.runtime.removeContainer({ containerId: 'nope' });
      await f.runtime.removePodSandbox({ podSandboxId: 'nope' });
      return 'ok';
    },
    want: 'ok',
  },
  {
    name: 'remove of a ready sandbox is refused; after stop it removes its containers',
    run: async ({ f, podSandboxId, containerId }) => {
      await f.runtime.startContainer({ containerId });
      const refused = await f.runtime.removePodSandbox({ podSandboxId }).then(() => false, () => true);
      await f.runtime.stopPodSandbox({ podSandboxId });
      const exited = (await f.runtime.containerStatus({ containerId })).status!.state;
      await f.runtime.removePodSandbox({ podSandboxId });
      return [refused, exited, f.sandboxes.size, f.containers.size];
    },
    want: [true, 'CONTAINER_EXITED', 0, 0],
  },
  {
    name: 'create without the image is NOT_FOUND',
    run: ({ f, podSandboxId }) => f.runtime.createContainer({
      podSandboxId, config: { metadata: { name: 'd' }, image: { image: 'missing:1' } },
    }).then(() => 'ok', (e) => isNotFound(e)),
    want: true,
  },
  {
    name: 'same name and attempt in one sandbox is refused',
    run: ({ f, podSandboxId }) => f.runtime.createContainer({
      podSandboxId, config: { metadata: { name: 'c' }, image: { image: IMG } },
    }).then(() => 'ok', (e: Error) => /reserve/.test(e.message)),
    want: true,
  },
  {
    name: 'list filters by sandbox, state and labels',
    run: async ({ f, podSandboxId, containerId }) => {
      await f.runtime.startContainer({ containerId });
      const q = async (filter: object) => (await f.runtime.listContainers({ filter })).containers.length;
      return [
        await q({}), await q({ podSandboxId }), await q({ podSandboxId: 'x' }),
        await q({ state: { state: 'CONTAINER_RUNNING' } }), await q({ state: { state: 'CONTAINER_EXITED' } }),
        await q({ labelSelector: { app: 'x' } }), await q({ labelSelector: { app: 'y' } }),
      ];
    },
    want: [1, 1, 0, 1, 0, 1, 0],
  },
  {
    name: 'sandbox status has an IP; list by state',
    run: async ({ f, podSandboxId }) => {
      const s = (await f.runtime.podSandboxStatus({ podSandboxId })).status!;
      const ready = (await f.runtime.listPodSandbox({ filter: { state: { state: 'SANDBOX_READY' } } })).items.length;
      return [s.state, /^10\.88\.0\.\d+$/.test(s.network!.ip), s.metadata, ready];
    },
    want: ['SANDBOX_READY', true, { name: 'p', uid: 'u1', namespace: 'default', attempt: 0 }, 1],
  },
  {
    name: 'exec sync echoes; on a non-running container it fails',
    run: async ({ f, containerId }) => {
      const before = await f.runtime.execSync({ containerId, cmd: ['echo', 'hi'] }).then(() => 'ok', () => 'err');
      await f.runtime.startContainer({ containerId });
      const r = await f.runtime.execSync({ containerId, cmd: ['echo', 'hi'] });
      return [before, r.stdout.toString(), r.exitCode];
    },
    want: ['err', 'hi\n', 0],
  },
  {
    name: 'injected failure fires the given number of times and is logged',
    run: async ({ f, containerId }) => {
      f.fail('startContainer', Code.DEADLINE_EXCEEDED, 'slow', 2);
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push(await f.runtime.startContainer({ containerId }).then(() => 0, (e: CRIError) => e.code));
      return [codes, f.methods().filter((m) => m === 'startContainer').length];
    },
    want: [[Code.DEADLINE_EXCEEDED, Code.DEADLINE_EXCEEDED, 0], 3],
  },
  {
    name: 'pull: a missing image fails NOT_FOUND, a new one is added with a stable ref',
    run: async ({ f }) => {
      f.image.missing.add('nope:1');
      const missing = await f.image.pullImage({ image: { image: 'nope:1' } }).then(() => 'ok', (e) => isNotFound(e));
      const a = await f.image.pullImage({ image: { image: 'nginx:1' } });
      const b = await f.image.pullImage({ image: { image: 'nginx:1' } });
      const st = await f.image.imageStatus({ image: { image: 'nginx:1' } });
      const gone = await f.image.imageStatus({ image: { image: 'other:1' } });
      return [missing, a.imageRef === b.imageRef, st.image?.id === a.imageRef, gone.image];
    },
    want: [true, true, true, null],
  },
  {
    name: 'results are copies: mutating them does not change the fake',
    run: async ({ f, containerId }) => {
      const s = (await f.runtime.containerStatus({ containerId })).status!;
      s.state = 'CONTAINER_EXITED';
      return (await f.runtime.containerStatus({ containerId })).status!.state;
    },
    want: 'CONTAINER_CREATED',
  },
  {
    name: 'after close calls are UNAVAILABLE',
    run: async ({ f }) => {
      f.close();
      return f.runtime.version().then(() => 0, (e: CRIError) => e.code);
    },
    want: Code.UNAVAILABLE,
  },
];

for (const c of cases) {
  test(`fake CRI: ${c.name}`, async () => {
    assert.deepEqual(await c.run(await setup()), c.want);
  });
}

test('fake CRI: call log records method and request in order', async () => {
  const { f } = await setup();
  assert.deepEqual(f.calls.map((c) => c.method), ['runPodSandbox', 'createContainer']);
  assert.equal((f.calls[1].request as { config: { metadata: { name: string } } }).config.metadata.name, 'c');
});
