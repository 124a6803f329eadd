/**
 * The node's own registry: what a pull asks of it over HTTP (table), and a real containerd
 * pulling a built-in image through it with no other way out (root; the machine is offline).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltinRegistry } from './builtin-registry.ts';
import { buildImage, MEDIA, sha256 } from './oci/image.ts';
import { startContainerd } from './supervisor.ts';
import { realContainerdSkip, testBridgeName } from './testing.ts';
import { connectCRI } from '../kubelet/cri/client.ts';

const tiny = { entries: [{ type: 'file' as const, path: 'hello.txt', data: 'hi\n' }] };
const image = buildImage({ ref: 'docker.io/library/hello:latest', extraRefs: ['docker.io/library/hello:1.0', 'quay.io/x/hello:1'], layers: [tiny], config: { cmd: ['sh'] } });
const layer = image.blobs[0]!.digest;

test('the built-in registry answers what a pull asks', async () => {
  let builds = 0;
  const reg = await startBuiltinRegistry(() => { builds++; return [{ refs: ['docker.io/library/hello:latest', 'docker.io/library/hello:1.0', 'quay.io/x/hello:1'], image }]; });
  try {
    assert.equal(builds, 0, 'nothing is built before the first request');
    const cases: { name: string; method?: string; path: string; want: { status: number; digest?: string; type?: string; body?: string } }[] = [
      { name: 'API version check', path: '/v2/', want: { status: 200 } },
      { name: 'manifest by tag', path: '/v2/library/hello/manifests/latest', want: { status: 200, digest: image.manifestDigest, type: MEDIA.manifest } },
      { name: 'manifest by another tag, HEAD', method: 'HEAD', path: '/v2/library/hello/manifests/1.0', want: { status: 200, digest: image.manifestDigest } },
      { name: 'manifest by digest', path: `/v2/library/hello/manifests/${image.manifestDigest}`, want: { status: 200, digest: image.manifestDigest } },
      { name: 'a blob, its bytes match its digest', path: `/v2/library/hello/blobs/${layer}`, want: { status: 200, digest: layer, body: layer } },
      { name: 'an unknown tag: 404, so containerd tries the next host', path: '/v2/library/hello/manifests/2.0', want: { status: 404 } },
      { name: 'an image of another registry is not docker.io\'s', path: '/v2/x/hello/manifests/1', want: { status: 404 } },
      { name: 'an unknown blob', path: `/v2/library/hello/blobs/sha256:${'0'.repeat(64)}`, want: { status: 404 } },
      { name: 'no pushes', method: 'POST', path: '/v2/library/hello/blobs/uploads/', want: { status: 405 } },
    ];
    for (const c of cases) {
      const res = await fetch(reg.url + c.path, { method: c.method ?? 'GET' });
      const body = Buffer.from(await res.arrayBuffer());
      assert.equal(res.status, c.want.status, c.name);
      if (c.want.digest) assert.equal(res.headers.get('docker-content-digest'), c.want.digest, c.name);
      if (c.want.type) assert.equal(res.headers.get('content-type'), c.want.type, c.name);
      if (c.want.body) assert.equal(sha256(body), c.want.body, c.name);
    }
    assert.equal(builds, 1, 'built once');
  } finally { await reg.close(); }
});

test('a real containerd pulls a built-in image through it, offline', { skip: realContainerdSkip(), timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-breg-'));
  const reg = await startBuiltinRegistry(() => [{ refs: ['docker.io/library/hello:latest'], image }]);
  const ctd = await startContainerd({ dataDir: dir, bridgeName: testBridgeName('k8tsbr'), mirrors: { 'docker.io': [reg.url] }, log: () => {} });
  const cri = connectCRI(ctd.socket);
  try {
    const { imageRef } = await cri.image.pullImage({ image: { image: 'docker.io/library/hello:latest' } });
    const st = (await cri.image.imageStatus({ image: { image: 'docker.io/library/hello:latest' } })).image;
    assert.ok(imageRef, 'pulled');
    assert.ok(st?.repoDigests?.some((d) => d.endsWith(image.manifestDigest)), JSON.stringify(st?.repoDigests));
    // An image the mirror lacks falls through to Docker Hub, unreachable here: the pull fails.
    await assert.rejects(cri.image.pullImage({ image: { image: 'docker.io/library/not-built-in:1' } }));
  } finally {
    cri.close();
    await ctd.stop();
    await reg.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
