// `k8ts image load FILE…` and `k8ts image ls`: images of the server's own node, straight
// through its containerd socket in the data dir (as `kind load image-archive` goes through
// each node's containerd), so loading needs no registry and no API call.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createConnection } from 'node:net';
import { containerdPaths } from '../containerd/paths.ts';
import { CliError, EXIT_USAGE } from './cli-error.ts';
import { addFlags, resolveOptions, tildePath } from './options.ts';
import { findServer } from './server-state.ts';
import type { Out } from './steps.ts';

/** The running node's containerd socket, or a CliError that says what to do. */
export async function nodeSocket(dataDir: string): Promise<string> {
  const socket = containerdPaths(dataDir).socket;
  // The node's containerd answering is what matters (a cluster embedded in another process has no pid file).
  if (existsSync(socket) && await answers(socket)) return socket;
  const found = await findServer(dataDir);
  if (found.state !== 'running') throw new CliError(`k8ts is not running (data dir ${tildePath(dataDir)}): start the cluster with "k8ts up"`);
  throw new CliError(`the k8ts server runs no node of its own (no ${tildePath(socket)}): restart it without --no-node`);
}

/** True when something accepts connections on the unix socket. */
function answers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection(socket, () => { s.end(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}

export interface ImageCommandDeps { socket: (dataDir: string) => Promise<string>; out: Out; err: Out }

export async function runImageLoad(files: string[], o: { dataDir: string; repo?: string }, d: ImageCommandDeps): Promise<void> {
  for (const f of files) {
    const st = await stat(f).catch(() => undefined);
    if (!st?.isFile()) throw new CliError(`${f}: no such file`, EXIT_USAGE);
  }
  const socket = await d.socket(o.dataDir);
  // Lazily: the gRPC stack is only needed here, not for every k8ts command.
  const { humanSize, loadImageArchive, loadedLine } = await import('../containerd/image-load.ts');
  let failed = 0;
  for (const f of files) {
    d.out(`loading ${f} (${humanSize((await stat(f)).size)})…`);
    try {
      const l = await loadImageArchive(f, { socket, repo: o.repo, tmpDir: join(o.dataDir, 'tmp') });
      for (const ref of l.refs) d.out(loadedLine(l, ref));
    } catch (e) {
      failed++;
      d.err(`✗ ${(e as Error).message}`);
    }
  }
  if (failed) throw new CliError(`${failed} of ${files.length} archive${files.length === 1 ? '' : 's'} not loaded`);
}

export async function runImageLs(o: { dataDir: string }, d: ImageCommandDeps): Promise<void> {
  const socket = await d.socket(o.dataDir);
  const { humanSize, listNodeImages } = await import('../containerd/image-load.ts');
  const rows = (await listNodeImages(socket)).map((i) => [i.ref, humanSize(i.size), i.id.replace(/^sha256:/, '').slice(0, 12)]);
  for (const line of table(['REF', 'SIZE', 'ID'], rows)) d.out(line);
}

/** Columns padded to their widest cell, three spaces apart, as kubectl prints them. */
export function table(head: string[], rows: string[][]): string[] {
  const all = [head, ...rows];
  const w = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]! + 3))).join(''));
}

/** Adds `image load` and `image ls` to `program`. */
export function addImageCommand(program: Command, deps: Partial<ImageCommandDeps> = {}): Command {
  const d: ImageCommandDeps = { socket: nodeSocket, out: (l) => console.log(l), err: (l) => console.error(l), ...deps };
  const image = program.command('image').description('load images into the node and list them');
  addFlags(image.command('load').argument('<file...>')
    .description('import docker-archive or OCI archives (gzipped too) into the node, as "kind load image-archive" does'), ['data-dir'])
    .option('--repo <repository>', 'repository for OCI archives that name their image by tag only (e.g. docker.io/library/myimage)')
    .action(async (files: string[], raw: Record<string, unknown>) =>
      runImageLoad(files, { dataDir: resolveOptions(raw).dataDir, repo: typeof raw.repo === 'string' ? raw.repo : undefined }, d));
  addFlags(image.command('ls').alias('list').description('list the images on the node (REF, SIZE, ID)'), ['data-dir'])
    .action(async (raw: Record<string, unknown>) => runImageLs({ dataDir: resolveOptions(raw).dataDir }, d));
  return image;
}
