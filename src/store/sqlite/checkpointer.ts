/**
 * WAL checkpoints off the main thread. SQLite's automatic checkpoint runs inside the COMMIT
 * that crosses `wal_autocheckpoint` pages: it copies the WAL back into the database file and
 * fsyncs it, on the thread that serves every request (measured: ≈ 80 % of commit time, 16 %
 * of a busy server's CPU). Here a worker thread with its own connection does that work on the
 * second core, asked after every `everyPages` pages of commits; the main connection keeps an
 * automatic checkpoint only as a backstop at `backstopPages`, for when the worker falls behind.
 * https://www.sqlite.org/wal.html#checkpointing
 *
 * A thread costs ≈ 20 MB of memory, so it starts only once writes are busy (`everyPages`
 * written twice within `busyWithinMs`); until then SQLite checkpoints in the commit as usual.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DatabaseSync } from 'node:sqlite';
import { CHECKPOINT_BYTES, pageSizeOf } from './schema.ts';

export interface CheckpointerOptions {
  /** Pages of WAL after which the worker is asked to checkpoint (default 4 MB worth, SQLite's own threshold). */
  everyPages?: number;
  /** The main connection's own automatic checkpoint, for when the worker lags (default 64 MB worth). */
  backstopPages?: number;
  /** Writes are busy when `everyPages` pile up twice within this (default 10 s); 0 starts the worker at once. */
  busyWithinMs?: number;
}

const workerFile = fileURLToPath(new URL(`./checkpoint-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

export class Checkpointer {
  readonly #db: DatabaseSync;
  /** The database's page size, to count commits in pages. */
  readonly pageSize: number;
  readonly #path: string;
  readonly #everyPages: number;
  readonly #backstopPages: number;
  readonly #busyWithinMs: number;
  #worker: Worker | undefined;
  #exited: Promise<void> = Promise.resolve();
  #pagesSince = 0;
  #lastFull = -Infinity;
  #busy = false;
  #closed = false;

  constructor(db: DatabaseSync, path: string, opts: CheckpointerOptions = {}) {
    this.#db = db;
    this.#path = path;
    this.pageSize = pageSizeOf(db);
    this.#everyPages = opts.everyPages ?? Math.ceil(CHECKPOINT_BYTES / this.pageSize);
    this.#backstopPages = Math.trunc(opts.backstopPages ?? (16 * CHECKPOINT_BYTES) / this.pageSize);
    this.#busyWithinMs = opts.busyWithinMs ?? 10_000;
    if (this.#busyWithinMs <= 0) this.#start();
  }

  /** Whether the worker thread runs (writes have been busy). */
  get threaded(): boolean { return this.#worker !== undefined; }

  /** After a commit that wrote about `pages` pages: asks for a checkpoint once enough piled up. */
  committed(pages: number): void {
    this.#pagesSince += pages;
    if (this.#busy || this.#closed || this.#pagesSince < this.#everyPages) return;
    this.#pagesSince = 0;
    if (!this.#worker) {
      // SQLite's own checkpoint took these; a second batch soon after means writes are busy.
      const now = performance.now();
      const busy = now - this.#lastFull < this.#busyWithinMs;
      this.#lastFull = now;
      if (!busy) return;
      this.#start();
    }
    this.#busy = true;
    this.#worker!.postMessage('checkpoint');
  }

  #start(): void {
    this.#db.exec(`PRAGMA wal_autocheckpoint = ${this.#backstopPages}`);
    const w = new Worker(workerFile, { workerData: { path: this.#path } });
    w.unref();
    w.on('message', () => { this.#busy = false; });
    w.on('error', () => { this.#busy = false; });
    // A thread that died is replaced the next time writes are busy; the backstop covers the gap.
    this.#exited = new Promise((r) => w.once('exit', () => {
      if (this.#worker === w) { this.#worker = undefined; this.#busy = false; }
      r();
    }));
    this.#worker = w;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const w = this.#worker;
    if (!w) return;
    // Unreferenced while it works (it must not keep a process alive); waited for now.
    w.ref();
    w.postMessage('close');
    await this.#exited;
  }
}
