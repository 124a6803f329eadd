/**
 * Loads image archives into our containerd, as `kind load image-archive` does for a kind
 * node: docker-archive (`docker save`: a `manifest.json` whose RepoTags name the images) and
 * OCI layout tars (an `oci-layout` file; names from `org.opencontainers.image.ref.name` on the
 * index), either of them gzipped. `ctr images import` does the import (it reads both kinds);
 * this file finds out beforehand what an archive holds, so that an archive that would import
 * nameless (a tag-only ref.name, no RepoTags) is refused with advice instead of landing in
 * containerd as `import-<date>:<tag>`, which no pod can name.
 * Also the drop-in directory `<data-dir>/images/`, imported while the node runs, as k3s does
 * with its agent/images directory.
 */
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, watch, type FSWatcher } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGunzip } from 'node:zlib';
import { connectCRI } from '../kubelet/cri/client.ts';
import { CRI_NAMESPACE, listImages } from './ctr.ts';

const run = promisify(execFile);

export type ArchiveKind = 'oci' | 'docker';

export interface ArchiveInfo {
  kind: ArchiveKind;
  /** Image names as the archive writes them (RepoTags; ref.name annotations). */
  names: string[];
}

/** The archive ends early: still being written or copied. Not a reason to give up on it. */
export class IncompleteArchiveError extends Error {
  constructor(file: string, why: string) { super(`${basename(file)} is incomplete (${why})`); this.name = 'IncompleteArchiveError'; }
}

const BLOCK = 512;
const MAX_JSON = 4 << 20;

export async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return bytesRead === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally { await fh.close(); }
}

function tarNumber(b: Buffer): number {
  // GNU base-256 for sizes past 8 GiB: high bit set, big-endian binary in the rest.
  if (b[0]! & 0x80) { let n = b[0]! & 0x7f; for (let i = 1; i < b.length; i++) n = n * 256 + b[i]!; return n; }
  const s = b.toString('latin1').replace(/\0.*$/s, '').trim();
  return s ? parseInt(s, 8) : 0;
}

function cstr(b: Buffer): string { const i = b.indexOf(0); return b.subarray(0, i < 0 ? b.length : i).toString('utf8'); }

/** PAX records "<len> key=value\n"; only `path` matters for finding top-level files. */
function paxPath(body: Buffer): string | undefined {
  for (const m of body.toString('utf8').matchAll(/\d+ path=([^\n]*)\n/g)) return m[1];
  return undefined;
}

/**
 * Walks the tar headers of an (uncompressed) archive, reading only the small JSON files that
 * name its images. Throws IncompleteArchiveError when an entry runs past the end of the file.
 */
export async function inspectArchive(file: string): Promise<ArchiveInfo> {
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const files = new Map<string, Buffer>();
    let hasLayout = false;
    let off = 0;
    let longName: string | undefined;
    const hdr = Buffer.alloc(BLOCK);
    for (;;) {
      if (off + BLOCK > size) {
        if (off === size && off > 0) break; // no end blocks, but ends on an entry boundary
        throw new IncompleteArchiveError(file, off === 0 ? 'empty' : 'a tar header is cut off');
      }
      await fh.read(hdr, 0, BLOCK, off);
      if (hdr.every((x) => x === 0)) break;
      if (hdr.subarray(257, 262).toString('latin1') !== 'ustar' && off === 0) {
        throw new Error(`${basename(file)} is not a tar archive (nor gzip): expected a docker-archive or OCI archive`);
      }
      const type = String.fromCharCode(hdr[156]!);
      const n = tarNumber(hdr.subarray(124, 136));
      const dataEnd = off + BLOCK + Math.ceil(n / BLOCK) * BLOCK;
      if (off + BLOCK + n > size) throw new IncompleteArchiveError(file, `entry at byte ${off} runs past the end`);
      const prefix = hdr.subarray(257, 263).toString('latin1') === 'ustar\0' ? cstr(hdr.subarray(345, 500)) : '';
      let name = longName ?? (prefix ? `${prefix}/${cstr(hdr.subarray(0, 100))}` : cstr(hdr.subarray(0, 100)));
      longName = undefined;
      const readData = async () => { const d = Buffer.alloc(n); await fh.read(d, 0, n, off + BLOCK); return d; };
      if (type === 'x' || type === 'L') {
        const body = await readData();
        longName = type === 'L' ? cstr(body) : paxPath(body);
      } else if (type === '0' || type === '\0') {
        name = name.replace(/^\.\//, '');
        if (name === 'oci-layout') hasLayout = true;
        if ((name === 'index.json' || name === 'manifest.json') && n <= MAX_JSON) files.set(name, await readData());
      }
      off = dataEnd;
    }
    return namesOf(file, hasLayout, files);
  } finally { await fh.close(); }
}

function namesOf(file: string, hasLayout: boolean, files: Map<string, Buffer>): ArchiveInfo {
  const parse = (n: string) => { try { return JSON.parse(files.get(n)!.toString('utf8')); } catch { throw new Error(`${basename(file)}: ${n} is not valid JSON`); } };
  if (hasLayout) {
    if (!files.has('index.json')) throw new Error(`${basename(file)} has an oci-layout file but no index.json`);
    const idx = parse('index.json') as { manifests?: { annotations?: Record<string, string> }[] };
    const names = (idx.manifests ?? []).map((m) => m.annotations?.['org.opencontainers.image.ref.name']).filter((x): x is string => !!x);
    return { kind: 'oci', names };
  }
  if (files.has('manifest.json')) {
    const m = parse('manifest.json') as { RepoTags?: string[] | null }[];
    return { kind: 'docker', names: Array.isArray(m) ? m.flatMap((x) => x.RepoTags ?? []) : [] };
  }
  throw new Error(`${basename(file)} is neither a docker-archive (manifest.json) nor an OCI archive (oci-layout)`);
}

/** containerd takes a name holding '/', ':' or '@' as a full reference; anything else is a bare tag. */
export const isTagOnly = (name: string) => !/[/:@]/.test(name);

/** Why the archive would import with no usable name, with what to do about it; undefined when fine. */
export function namingProblem(file: string, info: ArchiveInfo, repo?: string): string | undefined {
  const f = basename(file);
  if (info.names.length === 0) {
    return info.kind === 'docker'
      ? `${f} names no image (empty RepoTags): save it by name, e.g. "docker save -o ${f} myimage:1.0"`
      : `${f} names no image (no org.opencontainers.image.ref.name annotation): write the full reference, e.g. "skopeo copy … oci-archive:${f}:docker.io/library/myimage:1.0"`;
  }
  const tags = info.names.filter(isTagOnly);
  if (info.kind === 'oci' && tags.length > 0 && !repo) {
    return `${f} names its image only by the tag "${tags[0]}" (org.opencontainers.image.ref.name): `
      + `give the repository with --repo (e.g. "k8ts image load --repo docker.io/library/myimage ${f}" loads docker.io/library/myimage:${tags[0]}), `
      + `or write the full reference into the archive (e.g. "skopeo copy … oci-archive:${f}:docker.io/library/myimage:${tags[0]}")`;
  }
  return undefined;
}

/** Gunzips `file` into a fresh temp dir; a cut-off stream is IncompleteArchiveError. */
export async function gunzipToTemp(file: string, tmpRoot = tmpdir()): Promise<{ path: string; cleanup: () => Promise<void> }> {
  await mkdir(tmpRoot, { recursive: true });
  const dir = await mkdtemp(join(tmpRoot, 'k8ts-gunzip-'));
  const out = join(dir, basename(file).replace(/\.(t?gz|gzip)$/i, '') + '.tar');
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    await pipeline(createReadStream(file), createGunzip(), createWriteStream(out));
  } catch (e) {
    await cleanup();
    if ((e as NodeJS.ErrnoException).code === 'Z_BUF_ERROR') throw new IncompleteArchiveError(file, 'the gzip stream ends early');
    throw new Error(`${basename(file)}: gunzip failed: ${(e as Error).message}`);
  }
  return { path: out, cleanup };
}

export interface NodeImage { ref: string; id: string; size: number }

/** The images the CRI serves (one row per tag; untagged ones as `<none>`), sorted by ref. */
export async function listNodeImages(socket: string): Promise<NodeImage[]> {
  const cri = connectCRI(socket);
  try {
    const { images } = await cri.image.listImages();
    const rows = images.flatMap((i) => (i.repoTags.length ? i.repoTags : ['<none>']).map((ref) => ({ ref, id: i.id, size: Number(i.size) })));
    return rows.sort((a, b) => a.ref.localeCompare(b.ref) || a.id.localeCompare(b.id));
  } finally { cri.close(); }
}

export interface LoadOptions {
  socket: string;
  /** Repository for tag-only OCI names (ctr's --base-name): docker.io/library/foo + "1.0". */
  repo?: string;
  /** Where gzipped archives are unpacked for a moment (default: the OS temp dir). */
  tmpDir?: string;
  ctr?: string;
  /** How long to wait for the CRI plugin to see the imported image (it learns of it by event). */
  criWaitMs?: number;
}

export interface LoadedImage { file: string; kind: ArchiveKind; gzip: boolean; refs: string[]; size: number; id?: string; ms: number }

/** Imports one archive (detect, gunzip if needed, check names, `ctr images import`). */
export async function loadImageArchive(file: string, o: LoadOptions): Promise<LoadedImage> {
  const t0 = performance.now();
  const gzip = await isGzip(file);
  const tmp = gzip ? await gunzipToTemp(file, o.tmpDir) : undefined;
  try {
    const tar = tmp?.path ?? file;
    const info = await inspectArchive(tar);
    const problem = namingProblem(file, info, o.repo);
    if (problem) throw new Error(problem);
    const args = ['--address', o.socket, '-n', CRI_NAMESPACE, 'images', 'import', '--all-platforms'];
    // Without --base-name, ctr names tag-only images import-<date>:<tag>; with it, it keeps only names under it.
    if (o.repo) args.push('--base-name', o.repo);
    let stdout: string;
    try {
      ({ stdout } = await run(o.ctr ?? 'ctr', [...args, tar], { maxBuffer: 1 << 22 }));
    } catch (e) {
      const msg = String((e as { stderr?: string }).stderr || (e as Error).message).trim().split('\n').pop();
      throw new Error(`${basename(file)}: ctr images import failed: ${msg}`);
    }
    const refs = [...new Set([...stdout.matchAll(/unpacking (\S+) \(sha256:/g)].map((m) => m[1]!))];
    if (refs.length === 0) throw new Error(`${basename(file)}: containerd imported no named image${o.repo ? ` under ${o.repo}` : ''}`);
    const found = await waitForCRI(o.socket, refs, o.criWaitMs ?? 5000);
    const size = found?.size ?? (await stat(tar)).size;
    return { file, kind: info.kind, gzip, refs, size, id: found?.id, ms: performance.now() - t0 };
  } finally { await tmp?.cleanup(); }
}

/** Polls the CRI image list (with a deadline) until it shows `refs`; undefined if it never does. */
async function waitForCRI(socket: string, refs: string[], ms: number): Promise<NodeImage | undefined> {
  const deadline = Date.now() + ms;
  for (;;) {
    const rows = await listNodeImages(socket);
    const hit = rows.filter((r) => refs.includes(r.ref));
    if (hit.length === refs.length) return hit[0];
    if (Date.now() > deadline) return undefined;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Sizes as docker prints them: decimal units, one decimal place. */
export function humanSize(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return i === 0 ? `${n} B` : `${v.toFixed(1)} ${units[i]}`;
}

export const loadedLine = (l: LoadedImage, ref: string) => `✓ loaded ${ref} (${humanSize(l.size)}, ${Math.round(l.ms)} ms)`;

export interface ImagesDirWatcher {
  /** Resolves when nothing is waiting to settle or being imported. */
  settled(): Promise<void>;
  close(): void;
}

export interface WatchOptions {
  /** Quiet time after the last change to a file before it is read (a copy in progress keeps changing it). */
  settleMs?: number;
  ctr?: string;
  tmpDir?: string;
}

const STATE_FILE = '.imported.json';
const FAILED_DIR = 'failed';
/** Names a copy tool writes before renaming into place; never read. */
const skipName = (n: string) => n.startsWith('.') || n === FAILED_DIR || /\.(part|tmp|partial|crdownload|error)$/i.test(n);

type Imported = { stamp: string; refs: string[] };

/**
 * Imports every archive dropped into `dir` once: a scan at start and fs.watch after. A file
 * is remembered by name + size + mtime (in `dir/.imported.json`, so a restart does not import
 * it again while containerd still has its images). A file that fails is moved to
 * `dir/failed/` with a `<name>.error` note; one that is still incomplete waits for its next change.
 */
export function watchImagesDir(dir: string, socket: string, log: (line: string) => void, o: WatchOptions = {}): ImagesDirWatcher {
  const settleMs = o.settleMs ?? 1000;
  const timers = new Map<string, NodeJS.Timeout>();
  const queue: string[] = [];
  let busy: Promise<void> | undefined;
  let closed = false;
  let watcher: FSWatcher | undefined;
  let state: Record<string, Imported> = {};
  const idleWaiters: (() => void)[] = [];

  const checkIdle = () => {
    if (timers.size || queue.length || busy) return;
    for (const w of idleWaiters.splice(0)) w();
  };
  const schedule = (name: string) => {
    if (closed || skipName(name)) return;
    clearTimeout(timers.get(name));
    timers.set(name, setTimeout(() => { timers.delete(name); if (!queue.includes(name)) queue.push(name); pump(); }, settleMs));
  };
  const pump = () => {
    if (busy || closed) return checkIdle();
    const name = queue.shift();
    if (name === undefined) return checkIdle();
    busy = importOne(name).catch((e: Error) => log(`images: ${name}: ${e.message}`)).finally(() => { busy = undefined; pump(); });
  };

  const importOne = async (name: string) => {
    const file = join(dir, name);
    const st = await stat(file).catch(() => undefined);
    if (!st?.isFile()) return;
    const stamp = `${st.size}:${st.mtimeMs}`;
    const rec = state[name];
    if (rec?.stamp === stamp) {
      const have = new Set(await listImages(socket, o.ctr));
      if (rec.refs.every((r) => have.has(r))) return;
    }
    try {
      const l = await loadImageArchive(file, { socket, ctr: o.ctr, tmpDir: o.tmpDir });
      for (const ref of l.refs) log(`images: ${loadedLine(l, ref)} from ${name}`);
      state[name] = { stamp, refs: l.refs };
      await writeFile(join(dir, STATE_FILE), JSON.stringify(state, null, 1));
    } catch (e) {
      if (e instanceof IncompleteArchiveError) { log(`images: ${e.message}; waiting for it to be complete`); return; }
      const failed = join(dir, FAILED_DIR);
      await mkdir(failed, { recursive: true });
      await rename(file, join(failed, name));
      await writeFile(join(failed, `${name}.error`), `${new Date().toISOString()} ${(e as Error).message}\n`);
      log(`images: ${(e as Error).message}; moved to ${join(FAILED_DIR, name)}`);
    }
  };

  const start = async () => {
    await mkdir(dir, { recursive: true });
    try { state = JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8')) as Record<string, Imported>; } catch { state = {}; }
    if (closed) return;
    // Watch before the scan: a file arriving between the two is seen by one of them (twice is harmless).
    watcher = watch(dir, (_ev, f) => { if (f) schedule(f.toString()); });
    watcher.on('error', (e) => log(`images: watching ${dir}: ${e.message}`));
    for (const n of (await readdir(dir)).sort()) schedule(n);
  };
  const started = start().catch((e: Error) => log(`images: cannot watch ${dir}: ${e.message}`));

  return {
    async settled() {
      await started;
      await new Promise<void>((r) => { idleWaiters.push(r); checkIdle(); });
    },
    close() {
      closed = true;
      watcher?.close();
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      queue.length = 0;
      checkIdle();
    },
  };
}
