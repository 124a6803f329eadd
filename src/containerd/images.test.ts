import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBuiltinImages, busyboxLayer, BUSYBOX_PATHS, CATATONIT_PATHS, PAUSE_IMAGE, WEB_IMAGE } from './images.ts';

const missing = !BUSYBOX_PATHS.some((p) => existsSync(p)) ? 'busybox-static not installed'
  : !CATATONIT_PATHS.some((p) => existsSync(p)) ? 'catatonit not installed' : false;

test('busybox layer has the applets pods use, as symlinks to busybox', { skip: missing }, () => {
  const entries = busyboxLayer().entries;
  for (const a of ['sh', 'httpd', 'echo', 'cat', 'sleep', 'ls', 'ps', 'env', 'wget', 'nc', 'tar', 'hostname', 'id', 'true', 'false']) {
    const e = entries.find((x) => x.path === `bin/${a}`);
    assert.deepEqual(e && e.type === 'symlink' ? e.target : e, 'busybox', a);
  }
  assert.ok(entries.some((e) => e.path === 'etc/passwd'));
});

test('buildBuiltinImages writes one archive per image with its tags', { skip: missing }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-img-'));
  try {
    const got = await buildBuiltinImages(dir);
    const want = [
      { ref: PAUSE_IMAGE, refs: [PAUSE_IMAGE] },
      { ref: 'docker.io/library/busybox:latest', refs: ['docker.io/library/busybox:latest', 'docker.io/library/busybox:1.36'] },
      { ref: WEB_IMAGE, refs: [WEB_IMAGE] },
      { ref: 'docker.io/library/nginx:latest', refs: ['docker.io/library/nginx:latest', 'docker.io/library/nginx:1.27', 'docker.io/library/nginx:alpine'] },
    ];
    assert.deepEqual(got.map(({ ref, refs }) => ({ ref, refs })), want);
    for (const g of got) assert.ok(existsSync(g.archive), g.archive);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
