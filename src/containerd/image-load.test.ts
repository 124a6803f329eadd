import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { listImages } from './ctr.ts';
import {
  humanSize, IncompleteArchiveError, inspectArchive, isGzip, gunzipToTemp, listNodeImages, loadImageArchive, namingProblem,
  watchImagesDir, type ArchiveInfo,
} from './image-load.ts';
import { sha256 } from './oci/image.ts';
import { writeTar } from './oci/tar.ts';
import { writeOCIArchive } from './oci/write.ts';
import { startContainerd, type Containerd } from './supervisor.ts';
import { realContainerdSkip, testBridgeName } from './testing.ts';

const tiny = { entries: [{ type: 'file' as const, path: 'hello.txt', data: 'hi\n' }] };

/** A docker-archive as `docker save` writes it: manifest.json, the config, one uncompressed layer. */
function dockerArchive(repoTags: string[] | null): Buffer {
  const layer = writeTar(tiny.entries);
  const diffId = sha256(layer);
  const config = Buffer.from(JSON.stringify({
    architecture: 'amd64', os: 'linux', config: { Cmd: ['sh'] }, rootfs: { type: 'layers', diff_ids: [diffId] },
  }));
  const configName = `${sha256(config).slice(7)}.json`;
  const layerName = `${diffId.slice(7)}/layer.tar`;
  return writeTar([
    { type: 'file', path: configName, data: config },
    { type: 'dir', path: diffId.slice(7) },
    { type: 'file', path: layerName, data: layer },
    { type: 'file', path: 'manifest.json', data: JSON.stringify([{ Config: configName, RepoTags: repoTags, Layers: [layerName] }]) },
  ]);
}

async function ociArchive(dir: string, name: string, ref: string, extraRefs: string[] = []): Promise<string> {
  const f = join(dir, name);
  await writeOCIArchive({ ref, extraRefs, layers: [tiny], config: { cmd: ['sh'] } }, f);
  return f;
}

const tmp = () => mkdtempSync(join(tmpdir(), 'k8ts-imgload-'));

test('inspectArchive tells the kinds apart and reads their names, gzipped or not', async () => {
  const dir = tmp();
  try {
    const oci = await ociArchive(dir, 'oci.tar', 'docker.io/library/foo:1.0', ['docker.io/library/foo:latest']);
    writeFileSync(join(dir, 'docker.tar'), dockerArchive(['foo:2.0', 'example.com/x/foo:3']));
    writeFileSync(join(dir, 'oci.tar.gz'), gzipSync(readFileSync(oci)));
    writeFileSync(join(dir, 'docker.tgz'), gzipSync(dockerArchive(['bar:1'])));
    writeFileSync(join(dir, 'plain.tar'), writeTar([{ type: 'file', path: 'readme', data: 'x' }]));
    writeFileSync(join(dir, 'text.txt'), 'not an archive at all, just some text that is long enough '.repeat(20));
    const full = dockerArchive(['foo:2.0']);
    writeFileSync(join(dir, 'cut.tar'), full.subarray(0, 1500));
    writeFileSync(join(dir, 'cut.tar.gz'), gzipSync(full).subarray(0, 200));
    const cases: { name: string; file: string; want: { gzip: boolean; info?: ArchiveInfo; error?: RegExp | typeof IncompleteArchiveError } }[] = [
      { name: 'OCI layout', file: 'oci.tar', want: { gzip: false, info: { kind: 'oci', names: ['docker.io/library/foo:1.0', 'docker.io/library/foo:latest'] } } },
      { name: 'docker-archive', file: 'docker.tar', want: { gzip: false, info: { kind: 'docker', names: ['foo:2.0', 'example.com/x/foo:3'] } } },
      { name: 'gzipped OCI', file: 'oci.tar.gz', want: { gzip: true, info: { kind: 'oci', names: ['docker.io/library/foo:1.0', 'docker.io/library/foo:latest'] } } },
      { name: 'gzipped docker-archive', file: 'docker.tgz', want: { gzip: true, info: { kind: 'docker', names: ['bar:1'] } } },
      { name: 'tar of neither kind', file: 'plain.tar', want: { gzip: false, error: /neither a docker-archive .* nor an OCI archive/ } },
      { name: 'not a tar', file: 'text.txt', want: { gzip: false, error: /not a tar archive/ } },
      { name: 'cut-off tar', file: 'cut.tar', want: { gzip: false, error: IncompleteArchiveError } },
      { name: 'cut-off gzip', file: 'cut.tar.gz', want: { gzip: true, error: IncompleteArchiveError } },
    ];
    for (const c of cases) {
      const file = join(dir, c.file);
      assert.equal(await isGzip(file), c.want.gzip, c.name);
      const run = async () => {
        const g = c.want.gzip ? await gunzipToTemp(file, dir) : undefined;
        try { return await inspectArchive(g?.path ?? file); } finally { await g?.cleanup(); }
      };
      if (c.want.error) await assert.rejects(run(), c.want.error as RegExp, c.name);
      else assert.deepEqual(await run(), c.want.info, c.name);
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('namingProblem refuses archives that would import without a usable name', () => {
  const cases: { name: string; info: ArchiveInfo; repo?: string; want: RegExp | undefined }[] = [
    { name: 'full OCI ref', info: { kind: 'oci', names: ['docker.io/library/foo:1.0'] }, want: undefined },
    { name: 'tag-only OCI ref', info: { kind: 'oci', names: ['1.0'] }, want: /only by the tag "1\.0".*--repo/ },
    { name: 'tag-only OCI ref with --repo', info: { kind: 'oci', names: ['1.0'] }, repo: 'docker.io/library/foo', want: undefined },
    { name: 'OCI without ref.name', info: { kind: 'oci', names: [] }, want: /no org\.opencontainers\.image\.ref\.name/ },
    { name: 'docker with RepoTags', info: { kind: 'docker', names: ['foo:1'] }, want: undefined },
    { name: 'docker without RepoTags', info: { kind: 'docker', names: [] }, want: /empty RepoTags/ },
  ];
  for (const c of cases) {
    const got = namingProblem('/x/a.tar', c.info, c.repo);
    if (c.want) assert.match(got ?? '', c.want, c.name); else assert.equal(got, undefined, c.name);
  }
});

test('humanSize uses decimal units as docker prints them', () => {
  const cases = [{ input: 0, want: '0 B' }, { input: 999, want: '999 B' }, { input: 1000, want: '1.0 kB' }, { input: 12_345_678, want: '12.3 MB' }, { input: 2.5e9, want: '2.5 GB' }];
  for (const c of cases) assert.equal(humanSize(c.input), c.want, String(c.input));
});

const skip = realContainerdSkip();

async function withContainerd(prefix: string, fn: (c: Containerd, dir: string) => Promise<void>): Promise<void> {
  const dir = tmp();
  const c = await startContainerd({ dataDir: dir, bridgeName: testBridgeName(prefix), log: () => {} });
  try { await fn(c, dir); } finally { await c.stop(); rmSync(dir, { recursive: true, force: true }); }
}

test('loadImageArchive imports OCI, docker and gzipped archives into a real containerd', { skip, timeout: 120_000 }, async () => {
  await withContainerd('k8tsil', async (c, dir) => {
    const oci = await ociArchive(dir, 'oci.tar', 'docker.io/library/ocifoo:1.0');
    writeFileSync(join(dir, 'docker.tar.gz'), gzipSync(dockerArchive(['dockfoo:2.0'])));
    const tagOnly = await ociArchive(dir, 'tag.tar', '3.0');
    const cases = [
      { name: 'OCI', file: oci, repo: undefined, want: ['docker.io/library/ocifoo:1.0'] },
      { name: 'gzipped docker-archive (RepoTags normalized)', file: join(dir, 'docker.tar.gz'), repo: undefined, want: ['docker.io/library/dockfoo:2.0'] },
      { name: 'tag-only OCI with --repo', file: tagOnly, repo: 'docker.io/library/tagfoo', want: ['docker.io/library/tagfoo:3.0'] },
    ];
    for (const tc of cases) {
      const got = await loadImageArchive(tc.file, { socket: c.socket, repo: tc.repo, tmpDir: join(dir, 'tmp') });
      assert.deepEqual(got.refs, tc.want, tc.name);
      assert.ok(got.size > 0 && got.id?.startsWith('sha256:'), `${tc.name}: size and id from CRI`);
      const have = await listImages(c.socket);
      for (const r of tc.want) assert.ok(have.includes(r), `${tc.name}: ${r} listed`);
    }
    await assert.rejects(loadImageArchive(tagOnly, { socket: c.socket }), /only by the tag "3\.0"/);
    const rows = await listNodeImages(c.socket);
    assert.deepEqual(rows.map((r) => r.ref), [...rows.map((r) => r.ref)].sort((a, b) => a.localeCompare(b)));
    assert.ok(rows.some((r) => r.ref === 'docker.io/library/dockfoo:2.0'));
  });
});

async function until(what: string, fn: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

test('watchImagesDir imports files dropped in, once, and moves failures to failed/', { skip, timeout: 120_000 }, async () => {
  await withContainerd('k8tsiw', async (c, dir) => {
    const images = join(dir, 'images');
    const src = await ociArchive(dir, 'src.tar', 'docker.io/library/dropped:1');
    writeFileSync(join(dir, 'early.tar'), dockerArchive(['early:1']));
    // One file present before the watcher starts (the scan), one copied in while it runs (fs.watch).
    mkdirSync(images);
    copyFileSync(join(dir, 'early.tar'), join(images, 'early.tar'));
    const lines: string[] = [];
    const w = watchImagesDir(images, c.socket, (l) => lines.push(l), { settleMs: 50, tmpDir: join(dir, 'tmp') });
    try {
      await until('early.tar imported', async () => (await listImages(c.socket)).includes('docker.io/library/early:1'));
      copyFileSync(src, join(images, 'dropped.tar.part'));
      renameSync(join(images, 'dropped.tar.part'), join(images, 'dropped.tar'));
      writeFileSync(join(images, 'junk.tar'), writeTar([{ type: 'file', path: 'readme', data: 'x' }]));
      await until('dropped.tar imported', async () => (await listImages(c.socket)).includes('docker.io/library/dropped:1'));
      await until('junk.tar moved to failed/', () => existsSync(join(images, 'failed', 'junk.tar.error')));
      await w.settled();
      assert.match(readFileSync(join(images, 'failed', 'junk.tar.error'), 'utf8'), /neither a docker-archive/);
      assert.ok(!existsSync(join(images, 'junk.tar')));
      assert.equal(lines.filter((l) => l.includes('✓ loaded docker.io/library/dropped:1')).length, 1, lines.join('\n'));
      assert.equal(lines.filter((l) => l.includes('✓ loaded docker.io/library/early:1')).length, 1, lines.join('\n'));
    } finally { w.close(); }

    // A second watcher (a server restart) remembers what it imported and does not import it again.
    const again: string[] = [];
    const w2 = watchImagesDir(images, c.socket, (l) => again.push(l), { settleMs: 10 });
    try { await w2.settled(); } finally { w2.close(); }
    assert.deepEqual(again.filter((l) => l.includes('loaded')), []);
  });
});
