import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startContainerd, type ExitInfo } from './supervisor.ts';
import { importImage, listImages } from './ctr.ts';
import { buildBuiltinImages, BUSYBOX_IMAGE, PAUSE_IMAGE } from './images.ts';
import { alive } from './process.ts';
import { realContainerdSkip, testBridgeName } from './testing.ts';

const skip = realContainerdSkip();

test('supervised containerd: ready, images imported, restarted after kill -9, stopped by PID', { skip, timeout: 120_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-ctd-'));
  const lines: string[] = [];
  const c = await startContainerd({ dataDir: dir, bridgeName: testBridgeName('k8tss'), log: (l) => lines.push(l) });
  try {
    t.diagnostic(`containerd spawn → CRI Version: ${c.startupMs.toFixed(0)} ms`);
    assert.ok(existsSync(c.socket));
    assert.ok((await listImages(c.socket)).includes(PAUSE_IMAGE), 'pause image imported at start');

    const built = await buildBuiltinImages(join(dir, 'images'));
    const busybox = built.find((b) => b.ref === BUSYBOX_IMAGE)!;
    const t0 = performance.now();
    assert.deepEqual((await importImage(c.socket, busybox.archive)).sort(), [...busybox.refs].sort());
    t.diagnostic(`import busybox archive: ${(performance.now() - t0).toFixed(0)} ms`);
    const listed = await listImages(c.socket);
    for (const r of busybox.refs) assert.ok(listed.includes(r), `${r} listed`);

    // kill -9: the supervisor must notice and bring up a new containerd on the same socket.
    const exits: ExitInfo[] = [];
    const exited = new Promise<void>((resolve) => c.onExit((e) => { exits.push(e); resolve(); }));
    const oldPid = c.pid;
    process.kill(oldPid, 'SIGKILL');
    await exited;
    const t1 = performance.now();
    await c.ready();
    assert.equal(c.restartCount, 1);
    assert.notEqual(c.pid, oldPid);
    assert.deepEqual(exits, [{ code: null, signal: 'SIGKILL', willRestart: true }]);
    t.diagnostic(`restart (after back-off) → ready: ${(performance.now() - t1).toFixed(0)} ms`);
    assert.ok((await listImages(c.socket)).includes(BUSYBOX_IMAGE), 'images survive a restart');

    const pid = c.pid;
    await c.stop();
    assert.equal(alive(pid), false, 'containerd gone after stop');
    assert.equal(exits.at(-1)?.willRestart, false);
    assert.equal(c.restartCount, 1, 'no restart after stop');
  } finally {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
