/**
 * Writes a volume's files so a reader never sees half an update, the layout Kubernetes' AtomicWriter uses
 * (pkg/volume/util/atomic_writer.go):
 *
 *   <dir>/..2025_01_02_03_04_05.<rand>/<files>   the payload of one version
 *   <dir>/..data -> ..2025_…                      swapped by renaming a fresh symlink over it
 *   <dir>/<name> -> ..data/<name>                 one per top-level entry of the payload
 *
 * A new version is written only when the payload differs (contents or modes); the old version directory
 * and user-visible links no longer in the payload are removed after the swap. A subPath mount bound to a
 * file of an old version keeps that file (the kernel holds it): such mounts do not update, as in Kubernetes.
 */
import { chown, chmod, lstat, mkdir, mkdtemp, readFile, readdir, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface FileProjection { data: Buffer | string; mode: number }
export type Payload = Map<string, FileProjection>;

const DATA = '..data', DATA_TMP = '..data_tmp';

/** Rejects paths that are absolute, contain `..` or start with `..` (the payload path rules). */
export function validatePayloadPath(p: string): string | undefined {
  if (!p) return 'invalid path: must not be empty';
  if (p.startsWith('/')) return `invalid path: must be relative path: ${p}`;
  if (p.split('/').includes('..')) return `invalid path: must not contain '..': ${p}`;
  if (p.startsWith('..')) return `invalid path: must not start with '..': ${p}`;
  return undefined;
}

const stamp = () => new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '_');

async function unchanged(dir: string, payload: Payload): Promise<boolean> {
  let current: string;
  try { current = await readlink(join(dir, DATA)); } catch { return false; }
  const tsDir = join(dir, current);
  const seen = new Set<string>();
  const walk = async (rel: string): Promise<boolean> => {
    for (const e of await readdir(join(tsDir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) { if (!(await walk(p))) return false; continue; }
      seen.add(p);
    }
    return true;
  };
  try { if (!(await walk(''))) return false; } catch { return false; }
  if (seen.size !== payload.size) return false;
  for (const [p, f] of payload) {
    if (!seen.has(p)) return false;
    const st = await stat(join(tsDir, p));
    if ((st.mode & 0o7777) !== (f.mode & 0o7777)) return false;
    if (!Buffer.from(f.data).equals(await readFile(join(tsDir, p)))) return false;
  }
  for (const top of new Set([...payload.keys()].map((p) => p.split('/')[0]))) {
    try { await lstat(join(dir, top)); } catch { return false; }
  }
  return true;
}

/**
 * Makes `dir` hold `payload`; answers whether anything was written. `fsGroup`: files and directories get that
 * group (volume ownership as pkg/volume/volume_linux.go SetVolumeOwnership does for read-only volumes).
 */
export async function writeAtomic(dir: string, payload: Payload, fsGroup?: number): Promise<boolean> {
  for (const p of payload.keys()) { const err = validatePayloadPath(p); if (err) throw new Error(err); }
  await mkdir(dir, { recursive: true });
  if (await unchanged(dir, payload)) return false;
  let old: string | undefined;
  try { old = await readlink(join(dir, DATA)); } catch { /* first write */ }

  const ts = await mkdtemp(join(dir, `..${stamp()}.`));
  await chmod(ts, 0o755);
  for (const [p, f] of payload) {
    const file = join(ts, p);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, f.data);
    await chmod(file, f.mode & 0o7777);
  }
  if (fsGroup !== undefined) await own(ts, fsGroup);

  await rm(join(dir, DATA_TMP), { force: true });
  await symlink(ts.slice(dir.length + 1), join(dir, DATA_TMP));
  await rename(join(dir, DATA_TMP), join(dir, DATA));

  const tops = new Set([...payload.keys()].map((p) => p.split('/')[0]));
  for (const top of tops) {
    try { await lstat(join(dir, top)); continue; } catch { /* create below */ }
    await symlink(join(DATA, top), join(dir, top));
  }
  for (const e of await readdir(dir)) {
    if (e.startsWith('..') || tops.has(e)) continue;
    await rm(join(dir, e), { recursive: true, force: true });
  }
  if (old && old !== DATA && !old.includes('/')) await rm(join(dir, old), { recursive: true, force: true });
  if (fsGroup !== undefined) await chown(dir, 0, fsGroup).catch(() => {});
  return true;
}

async function own(dir: string, gid: number): Promise<void> {
  const st = await stat(dir);
  await chown(dir, st.uid, gid);
  await chmod(dir, (st.mode & 0o7777) | 0o2000);
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) { await own(p, gid); continue; }
    const f = await stat(p);
    await chown(p, f.uid, gid);
    await chmod(p, (f.mode & 0o7777) | 0o440);
  }
}
