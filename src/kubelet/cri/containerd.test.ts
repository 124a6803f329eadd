// The CRI client against a real containerd of our own (root + binaries
// needed; skipped otherwise): a one-container busybox pod from sandbox to
// removal, with CNI networking, the CRI log file and ExecSync.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectCRI } from './client.ts';
import { buildOciArchive, importImage, skipReason, startContainerd } from './testdata/containerd-harness.ts';

const skip = skipReason();
const BUSYBOX = 'docker.io/k8ts/busybox:test';
const PAUSE = 'docker.io/k8ts/pause:test';

async function until<T>(what: string, ms: number, f: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5)); // poll interval, not synchronisation
  }
}

test('CRI against a real containerd: sandbox, container, logs, exec, teardown', { skip, timeout: 120_000 }, async (t) => {
  const d = mkdtempSync(join(tmpdir(), 'k8ts-cri-'));
  const bridge = `crt${randomBytes(3).toString('hex')}`;
  const subnet = `10.250.${randomInt(1, 255)}.0/24`;
  const images = join(d, 'images');
  buildOciArchive(join(d, 'b-busybox'), join(d, 'busybox.tar'), BUSYBOX, { 'bin/busybox': '/usr/bin/busybox' },
    Object.fromEntries(['sh', 'echo', 'sleep', 'cat'].map((a) => [`bin/${a}`, 'busybox'])),
    { Env: ['PATH=/bin'], Cmd: ['sh'] });
  buildOciArchive(join(d, 'b-pause'), join(d, 'pause.tar'), PAUSE, { catatonit: execFileSync('sh', ['-c', 'command -v catatonit'], { encoding: 'utf8' }).trim() },
    {}, { Entrypoint: ['/catatonit', '-P'] });
  mkdirSync(images, { recursive: true });
  const ctd = await startContainerd(d, { pauseImage: PAUSE, subnet, bridge, streamPort: randomInt(20_000, 40_000) });
  const cri = connectCRI(ctd.sock);
  let sandboxId = '';
  try {
    importImage(ctd.sock, join(d, 'pause.tar'));
    importImage(ctd.sock, join(d, 'busybox.tar'));

    const v = await cri.runtime.version({ version: 'v1' });
    assert.equal(v.runtimeName, 'containerd');
    assert.equal(v.runtimeApiVersion, 'v1');
    const st = await cri.runtime.status({});
    assert.deepEqual(st.status!.conditions.map((c) => [c.type, c.status]), [['RuntimeReady', true], ['NetworkReady', true]]);
    const img = await cri.image.imageStatus({ image: { image: BUSYBOX } });
    assert.ok(img.image?.id.startsWith('sha256:'), 'imported image is visible to CRI');
    assert.equal((await cri.image.imageStatus({ image: { image: 'docker.io/k8ts/absent:1' } })).image, null);

    const uid = randomBytes(8).toString('hex');
    const logDirectory = join(d, 'pods', `default_hello_${uid}`);
    mkdirSync(join(logDirectory, 'c'), { recursive: true });
    const sandboxConfig = {
      metadata: { name: 'hello', uid, namespace: 'default', attempt: 0 },
      hostname: 'hello', logDirectory, labels: { 'io.kubernetes.pod.uid': uid },
      linux: { securityContext: { namespaceOptions: { network: 'POD' as const, pid: 'CONTAINER' as const, ipc: 'POD' as const } } },
    };
    const t0 = performance.now();
    sandboxId = (await cri.runtime.runPodSandbox({ config: sandboxConfig })).podSandboxId;
    const t1 = performance.now();
    const { containerId } = await cri.runtime.createContainer({
      podSandboxId: sandboxId, sandboxConfig,
      config: {
        metadata: { name: 'c', attempt: 0 }, image: { image: BUSYBOX }, command: ['sh', '-c', 'echo hello; sleep 30'],
        logPath: 'c/0.log', linux: { resources: { memoryLimitInBytes: 64 * 1024 * 1024 } },
      },
    });
    const t2 = performance.now();
    await cri.runtime.startContainer({ containerId });
    const t3 = performance.now();
    const status = await until('RUNNING', 10_000, async () => {
      const s = (await cri.runtime.containerStatus({ containerId })).status!;
      return s.state === 'CONTAINER_RUNNING' ? s : undefined;
    });
    const t4 = performance.now();
    t.diagnostic(`latency ms: RunPodSandbox ${(t1 - t0).toFixed(1)}, CreateContainer ${(t2 - t1).toFixed(1)}, ` +
      `StartContainer ${(t3 - t2).toFixed(1)}, create→running total ${(t4 - t0).toFixed(1)}`);
    assert.ok(status.startedAt > 0 && status.finishedAt === 0);
    assert.equal(status.logPath, join(logDirectory, 'c/0.log'));

    const ps = (await cri.runtime.podSandboxStatus({ podSandboxId: sandboxId })).status!;
    assert.equal(ps.state, 'SANDBOX_READY');
    const prefix = subnet.split('.').slice(0, 3).join('.') + '.';
    assert.ok(ps.network?.ip.startsWith(prefix), `pod IP ${ps.network?.ip} in ${subnet}`);

    const line = await until('log line', 10_000, async () => {
      const p = status.logPath;
      const text = existsSync(p) ? readFileSync(p, 'utf8') : '';
      return text.split('\n').find((l) => l.endsWith(' stdout F hello'));
    });
    assert.match(line, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+(Z|[+-]\d\d:\d\d) stdout F hello$/);

    const ex = await cri.runtime.execSync({ containerId, cmd: ['echo', 'hi'], timeout: 10 });
    assert.deepEqual([ex.stdout.toString(), ex.exitCode], ['hi\n', 0]);
    const bad = await cri.runtime.execSync({ containerId, cmd: ['sh', '-c', 'exit 3'], timeout: 10 });
    assert.equal(bad.exitCode, 3);

    const listed = await cri.runtime.listContainers({ filter: { podSandboxId: sandboxId } });
    assert.deepEqual(listed.containers.map((c) => [c.id, c.state]), [[containerId, 'CONTAINER_RUNNING']]);

    await cri.runtime.stopContainer({ containerId, timeout: 0 });
    const stopped = (await cri.runtime.containerStatus({ containerId })).status!;
    assert.equal(stopped.state, 'CONTAINER_EXITED');
    assert.equal(stopped.exitCode, 137);
    await cri.runtime.removeContainer({ containerId });
    const gone = await cri.runtime.containerStatus({ containerId }).then(() => null, (e: { code: number }) => e.code);
    assert.equal(gone, 5, 'NOT_FOUND after removal');
    await cri.runtime.stopPodSandbox({ podSandboxId: sandboxId });
    await cri.runtime.removePodSandbox({ podSandboxId: sandboxId });
    sandboxId = '';
    assert.equal((await cri.runtime.listPodSandbox({})).items.length, 0);
  } finally {
    if (sandboxId) {
      await cri.runtime.stopPodSandbox({ podSandboxId: sandboxId }).catch(() => {});
      await cri.runtime.removePodSandbox({ podSandboxId: sandboxId }).catch(() => {});
    }
    cri.close();
    await ctd.stop();
    try { execFileSync('ip', ['link', 'del', bridge], { stdio: 'ignore' }); } catch { /* never created */ }
    try { rmSync(d, { recursive: true, force: true }); } catch (e) { t.diagnostic(`left ${d}: ${(e as Error).message}`); }
  }
});
