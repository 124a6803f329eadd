import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startContainerd } from './supervisor.ts';
import { importImage } from './ctr.ts';
import { buildBuiltinImages, BUSYBOX_IMAGE, WEB_IMAGE } from './images.ts';
import { realContainerdSkip, testBridgeName } from './testing.ts';
import { miniCRI } from './testing-cri.ts';

const skip = realContainerdSkip() || (!process.env.PATH?.split(':').some((d) => { try { return readdirSync(d).includes('ip'); } catch { return false; } }) && 'iproute2 not installed');

test('one pod end to end: sandbox gets an IP from the podCIDR, web container answers, logs are written', { skip, timeout: 120_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-pod-'));
  const bridge = testBridgeName('k8tsp');
  const subnet = `10.250.${(process.pid % 250) + 1}`;
  const c = await startContainerd({ dataDir: dir, bridgeName: bridge, log: () => {} });
  const cri = miniCRI(c.socket);
  let sandboxId = '';
  try {
    const built = await buildBuiltinImages(join(dir, 'images'));
    for (const b of built.filter((x) => x.ref === WEB_IMAGE || x.ref === BUSYBOX_IMAGE)) await importImage(c.socket, b.archive);
    await c.writeCNIConfig(`${subnet}.0/24`);

    const logDir = join(dir, 'pods', 'default_web_uid1');
    const sandboxConfig = { metadata: { name: 'web', uid: 'uid1', namespace: 'default', attempt: 0 }, hostname: 'web', log_directory: logDir, labels: {}, annotations: {} };
    // containerd loads the conflist asynchronously (fsnotify): retry while CNI is not ready yet.
    const t0 = performance.now();
    for (const deadline = Date.now() + 10_000; ;) {
      try { sandboxId = (await cri.call.RunPodSandbox({ config: sandboxConfig })).pod_sandbox_id; break; } catch (e) {
        if (Date.now() > deadline || !/cni/i.test((e as Error).message)) throw e;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    const tSandbox = performance.now() - t0;
    const start = async (name: string, image: string, command: string[]) => {
      const { container_id } = await cri.call.CreateContainer({ pod_sandbox_id: sandboxId, sandbox_config: sandboxConfig,
        config: { metadata: { name, attempt: 0 }, image: { image }, command, log_path: `${name}/0.log` } });
      await cri.call.StartContainer({ container_id });
      return container_id as string;
    };
    const t1 = performance.now();
    const web = await start('web', WEB_IMAGE, []);
    t.diagnostic(`RunPodSandbox ${tSandbox.toFixed(0)} ms; Create+Start web ${(performance.now() - t1).toFixed(0)} ms`);
    await start('sh', BUSYBOX_IMAGE, ['sh', '-c', 'echo hello from $(hostname); exec sleep 3600']);

    const status = (await cri.call.PodSandboxStatus({ pod_sandbox_id: sandboxId })).status;
    const ip: string = status.network.ip;
    assert.ok(ip.startsWith(`${subnet}.`), `pod IP ${ip} in ${subnet}.0/24`);
    assert.equal((await cri.call.ContainerStatus({ container_id: web })).status.state, 1 /* CONTAINER_RUNNING */);

    // The host reaches the pod through the bridge (its gateway); httpd may need a moment to listen.
    let body = '';
    for (const deadline = Date.now() + 10_000; !body && Date.now() < deadline;) {
      try { body = await (await fetch(`http://${ip}:8080/hostname`)).text(); } catch { await new Promise((r) => setTimeout(r, 20)); }
    }
    assert.equal(body.trim(), 'web');

    let log = '';
    for (const deadline = Date.now() + 10_000; !log.includes('hello') && Date.now() < deadline;) {
      try { log = readFileSync(join(logDir, 'sh', '0.log'), 'utf8'); } catch { /* not yet */ }
      if (!log.includes('hello')) await new Promise((r) => setTimeout(r, 20));
    }
    assert.match(log, /^\S+ stdout F hello from web$/m);
  } finally {
    if (sandboxId) {
      await cri.call.StopPodSandbox({ pod_sandbox_id: sandboxId }).catch(() => {});
      await cri.call.RemovePodSandbox({ pod_sandbox_id: sandboxId }).catch(() => {});
    }
    cri.close();
    await c.stop();
    try { execFileSync('ip', ['link', 'del', bridge], { stdio: 'ignore' }); } catch { /* never created */ }
    rmSync(dir, { recursive: true, force: true });
  }
});
