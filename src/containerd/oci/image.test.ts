import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildImage, sha256, MEDIA, REF_NAME_ANNOTATION, type ImageSpec } from './image.ts';
import { writeOCIArchive, writeOCILayout } from './write.ts';

test('sha256 digests', () => {
  const cases = [
    { name: 'empty', input: '', want: 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
    { name: 'abc', input: 'abc', want: 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
  ];
  for (const c of cases) assert.equal(sha256(Buffer.from(c.input)), c.want, c.name);
});

const spec: ImageSpec = {
  ref: 'docker.io/library/demo:1', extraRefs: ['docker.io/library/demo:latest'],
  layers: [{ entries: [{ type: 'file', path: 'hello', data: 'hi\n', mode: 0o755 }] }, { entries: [{ type: 'dir', path: 'www' }] }],
  config: { entrypoint: ['/hello'], cmd: ['x'], env: ['A=1'], workingDir: '/www', exposedPorts: ['80/tcp'], user: '65534' },
};

function blobsByDigest(img: ReturnType<typeof buildImage>): Map<string, Buffer> {
  return new Map(img.blobs.map((b) => [b.digest, b.data]));
}

test('buildImage: index → manifest → config and layers, all by digest', () => {
  const img = buildImage(spec);
  const blobs = blobsByDigest(img);
  for (const [d, data] of blobs) assert.equal(sha256(data), d);
  const index = JSON.parse(img.index.toString());
  assert.equal(index.mediaType, MEDIA.index);
  assert.deepEqual(index.manifests.map((m: { annotations: Record<string, string> }) => m.annotations[REF_NAME_ANNOTATION]),
    ['docker.io/library/demo:1', 'docker.io/library/demo:latest']);
  for (const m of index.manifests) {
    assert.equal(m.digest, img.manifestDigest);
    assert.deepEqual(m.platform, { architecture: 'amd64', os: 'linux' });
  }
  const manifestBytes = blobs.get(img.manifestDigest)!;
  assert.equal(index.manifests[0].size, manifestBytes.length);
  const manifest = JSON.parse(manifestBytes.toString());
  const config = JSON.parse(blobs.get(manifest.config.digest)!.toString());
  assert.equal(manifest.layers.length, 2);
  // diff_ids are digests of the uncompressed tars; layer digests are of the gzipped blobs.
  assert.deepEqual(config.rootfs.diff_ids, manifest.layers.map((l: { digest: string }) => sha256(gunzipSync(blobs.get(l.digest)!))));
  assert.deepEqual(config.config, {
    User: '65534', ExposedPorts: { '80/tcp': {} }, Env: ['A=1'], Entrypoint: ['/hello'], Cmd: ['x'], WorkingDir: '/www',
  });
  assert.equal(config.architecture, 'amd64');
  assert.equal(config.os, 'linux');
});

test('buildImage is deterministic', () => {
  assert.equal(buildImage(spec).manifestDigest, buildImage(structuredClone(spec)).manifestDigest);
});

test('writeOCIArchive and writeOCILayout: blob files named by their digests', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-oci-'));
  try {
    const archive = join(dir, 'img.tar');
    const digest = await writeOCIArchive(spec, archive);
    const out = join(dir, 'x');
    execFileSync('mkdir', [out]);
    execFileSync('tar', ['-xf', archive, '-C', out]);
    const layout = join(dir, 'layout');
    assert.equal(await writeOCILayout(spec, layout), digest);
    for (const root of [out, layout]) {
      assert.deepEqual(JSON.parse(readFileSync(join(root, 'oci-layout'), 'utf8')), { imageLayoutVersion: '1.0.0' });
      const names = readdirSync(join(root, 'blobs/sha256'));
      assert.equal(names.length, 4); // two layers, config, manifest
      for (const n of names) assert.equal(sha256(readFileSync(join(root, 'blobs/sha256', n))), `sha256:${n}`);
      assert.ok(names.includes(digest.slice(7)));
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('skopeo reads the archive by its ref name', { skip: !existsSync('/usr/bin/skopeo') && 'skopeo not installed' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-oci-'));
  try {
    const archive = join(dir, 'img.tar');
    const digest = await writeOCIArchive(spec, archive);
    const out = JSON.parse(execFileSync('skopeo', ['inspect', `oci-archive:${archive}:docker.io/library/demo:latest`], { encoding: 'utf8' }));
    assert.equal(out.Digest, digest);
    assert.equal(out.Layers.length, 2);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
