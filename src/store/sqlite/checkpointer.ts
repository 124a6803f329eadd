/**
 * WAL checkpoints off the main thread. SQLite's automatic checkpoint runs inside the COMMIT
 * that crosses `wal_autocheckpoint` pages: it copies the WAL back into the database file and
 * fsyncs it, on the thread that serves every request (measured: ≈ 80 % of commit time, 16 %
 * of a busy server's CPU). Here a worker thread with its own connection does that work on the
 * second core, asked after every `everyPages` pages of commits; the main connection keeps an
 * automatic checkpoint only as a backstop at `backstopPages`, for when the worker falls behind.
 * https://www.sqlite.org/wal.html#checkpointing
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DatabaseSync } from 'node:sqlite';

export interface CheckpointerOptions {
  /** Pages of WAL after which the worker is asked to checkpoint (default 1000, SQLite's own threshold). */
  everyPages?: number;
  /** The main connection's own automatic checkpoint, for when the worker lags (default 16 000 pages ≈ 64 MB). */
  backstopPages?: number;
}

const workerFile = fileURLToPath(new URL(`./checkpoint-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

export class Checkpointer {
  readonly #worker: Worker;
  readonly #everyPages: number;
  #pagesSince = 0;
  #busy = false;
  #closed = false;

  constructor(db: DatabaseSync, path: string, opts: CheckpointerOptions = {}) {
    this.#everyPages = opts.everyPages ?? 1000;
    db.exec(`PRAGMA wal_autocheckpoint = ${Math.trunc(opts.backstopPages ?? 16_000)}`);
    this.#worker = new Worker(workerFile, { workerData: { path } });
    this.#worker.unref();
    this.#worker.on('message', () => { this.#busy = false; });
    this.#worker.on('error', () => { this.#busy = false; });
  }

  /** After a commit that wrote about `pages` pages: asks for a checkpoint once enough piled up. */
  committed(pages: number): void {
    this.#pagesSince += pages;
    if (this.#busy || this.#closed || this.#pagesSince < this.#everyPages) return;
    this.#pagesSince = 0;
    this.#busy = true;
    this.#worker.postMessage('checkpoint');
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const exited = new Promise((r) => this.#worker.once('exit', r));
    // Unreferenced while it works (it must not keep a process alive); waited for now.
    this.#worker.ref();
    this.#worker.postMessage('close');
    await exited;
  }
}
