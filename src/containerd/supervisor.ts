/**
 * Supervises our own containerd: writes its config under the data dir, builds and imports
 * the pause image, and restarts it with back-off when it dies. Pods live on across a
 * restart (each has its own shim process), so a restart is invisible to them; the kubelet
 * re-lists and re-adopts them (docs/runtime.md).
 */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { realClock, type Clock } from '../client/clock.ts';
import { writeContainerdConfig, findBinary } from './config.ts';
import { removeStaleBridge } from './bridge.ts';
import { findCNIBinDir, writeCNIConfig } from './cni-config.ts';
import { importImage, listImages } from './ctr.ts';
import { buildPauseImage, PAUSE_IMAGE } from './images.ts';
import { containerdPaths, type ContainerdPaths } from './paths.ts';
import { killPid, spawnContainerd, stopStale, waitReady } from './process.ts';

export interface StartOptions {
  dataDir: string;
  /** The node's CNI bridge, at most 15 bytes. */
  bridgeName: string;
  /** CRI streaming server port on 127.0.0.1; a free one is chosen when absent. */
  streamPort?: number;
  /** Registry mirrors in the order containerd tries them, e.g. { 'docker.io': ['http://127.0.0.1:5000'] }. */
  mirrors?: Record<string, readonly string[]>;
  log: (line: string) => void;
  /** Drives the restart back-off. */
  clock?: Clock;
  readyTimeoutMs?: number;
  containerdBin?: string;
}

export interface ExitInfo { code: number | null; signal: NodeJS.Signals | null; willRestart: boolean }

export interface Containerd {
  readonly socket: string;
  readonly paths: ContainerdPaths;
  readonly streamPort: number;
  /** PID of the current containerd process (changes on restart). */
  readonly pid: number;
  readonly restartCount: number;
  /** Milliseconds from the first spawn to CRI answering. */
  readonly startupMs: number;
  /** Registers `fn` for every exit of containerd; returns an unsubscribe function. */
  onExit(fn: (info: ExitInfo) => void): () => void;
  /** Resolves when the current (possibly restarted) containerd answers CRI. */
  ready(): Promise<void>;
  /** Writes the pod network's conflist once the node's podCIDR is known. */
  writeCNIConfig(podCIDR: string): Promise<string>;
  stop(graceMs?: number): Promise<void>;
}

const BACKOFF_START_MS = 200;
const BACKOFF_MAX_MS = 10_000;
/** A run this long resets the back-off, as the kubelet's crash-loop back-off does. */
const BACKOFF_RESET_MS = 60_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startContainerd(o: StartOptions): Promise<Containerd> {
  const clock = o.clock ?? realClock;
  const p = containerdPaths(o.dataDir);
  const runc = findBinary(['runc']);
  const cniBinDir = findCNIBinDir();
  if (!runc) throw new Error('runc not found; install the Debian package runc');
  if (!cniBinDir) throw new Error('CNI plugins not found; install containernetworking-plugins');
  const streamPort = o.streamPort ?? await freePort();
  await writeContainerdConfig({
    dataDir: o.dataDir, sandboxImage: PAUSE_IMAGE, streamPort, cniBinDir, runcPath: runc,
    crunPath: findBinary(['crun']), mirrors: o.mirrors,
  });
  const stale = await stopStale(p);
  if (stale) o.log(`containerd: stopped a stale containerd (pid ${stale}) left by an earlier run`);

  let child: ChildProcess;
  let restartCount = 0;
  let stopping = false;
  let failures = 0;
  let startedAt = 0;
  let cancelRestart: (() => void) | undefined;
  let releaseWaiters: (() => void) | undefined;
  let readyP: Promise<void>;
  const listeners = new Set<(info: ExitInfo) => void>();

  const launch = (): Promise<void> => {
    child = spawnContainerd(p, o.containerdBin);
    startedAt = Date.now();
    const c = child;
    c.on('error', (e) => o.log(`containerd: ${e.message}`));
    c.on('exit', (code, signal) => onChildExit(c, code, signal));
    return waitReady(p, c, o.readyTimeoutMs ?? 30_000).then(() => undefined);
  };

  const onChildExit = (c: ChildProcess, code: number | null, signal: NodeJS.Signals | null) => {
    if (c !== child) return;
    const willRestart = !stopping;
    o.log(`containerd: pid ${c.pid} exited (${code ?? signal})${willRestart ? '' : ' on stop'}`);
    if (!willRestart) {
      for (const fn of listeners) fn({ code, signal, willRestart });
      return;
    }
    if (Date.now() - startedAt > BACKOFF_RESET_MS) failures = 0;
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** failures);
    failures++;
    o.log(`containerd: restarting in ${delay} ms`);
    let release!: () => void;
    readyP = new Promise<void>((r) => { release = r; });
    releaseWaiters = release;
    // Listeners run after ready() already means "the restarted containerd is ready".
    for (const fn of listeners) fn({ code, signal, willRestart });
    cancelRestart = clock.after(delay, () => {
      cancelRestart = undefined;
      if (stopping) return release();
      restartCount++;
      launch().then(() => o.log(`containerd: restarted, pid ${child.pid}`), (e: Error) => o.log(`containerd: restart failed: ${e.message}`))
        .finally(release);
    });
  };

  const t0 = performance.now();
  readyP = launch();
  try { await readyP; } catch (e) { await killPid(child!.pid!, 2000); throw e; }
  const startupMs = performance.now() - t0;
  o.log(`containerd: ready in ${startupMs.toFixed(0)} ms (pid ${child!.pid}, socket ${p.socket})`);
  // The sandbox image is built and imported once; later starts find it in containerd's store.
  if (!(await listImages(p.socket)).includes(PAUSE_IMAGE)) await importImage(p.socket, (await buildPauseImage(p.imagesDir)).archive);

  return {
    socket: p.socket, paths: p, streamPort, startupMs,
    get pid() { return child.pid ?? -1; },
    get restartCount() { return restartCount; },
    onExit(fn) { listeners.add(fn); return () => listeners.delete(fn); },
    ready: () => readyP,
    async writeCNIConfig(podCIDR) {
      const stale = await removeStaleBridge(o.bridgeName, podCIDR);
      if (stale.length) o.log(`removed bridge ${o.bridgeName} left by an earlier cluster (${stale.join(', ')} is outside the podCIDR ${podCIDR})`);
      return writeCNIConfig(o.dataDir, o.bridgeName, podCIDR);
    },
    async stop(graceMs = 10_000) {
      stopping = true;
      cancelRestart?.();
      releaseWaiters?.();
      const pid = child.pid;
      if (pid && child.exitCode === null && child.signalCode === null) await killPid(pid, graceMs);
    },
  };
}
