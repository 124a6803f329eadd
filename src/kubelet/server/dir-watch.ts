/**
 * Wakes a follower when a log directory changes: fs.watch where it works, plus a polling tick
 * because inotify misses changes on some filesystems (overlay, NFS) and gives no events for
 * files written through another mount namespace.
 */
import { watch, type FSWatcher } from 'node:fs';

export class DirWatch {
  private watcher?: FSWatcher;
  private timer: NodeJS.Timeout;
  private dirty = false;
  private waiters: (() => void)[] = [];

  constructor(dir: string, pollMs: number) {
    try {
      this.watcher = watch(dir, { persistent: false }, () => this.wake());
      this.watcher.on('error', () => { this.watcher?.close(); this.watcher = undefined; });
    } catch {
      // No inotify (or the dir went away): polling alone.
    }
    this.timer = setInterval(() => this.wake(), pollMs);
    this.timer.unref();
  }

  /** Resolves at the next change or tick; at once if something changed since the last call. */
  next(signal: AbortSignal): Promise<void> {
    if (this.dirty || signal.aborted) { this.dirty = false; return Promise.resolve(); }
    return new Promise((resolve) => {
      const done = () => { signal.removeEventListener('abort', done); resolve(); };
      signal.addEventListener('abort', done, { once: true });
      this.waiters.push(done);
    });
  }

  close(): void {
    this.watcher?.close();
    clearInterval(this.timer);
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    if (w.length === 0) this.dirty = true;
    else { this.dirty = false; for (const f of w) f(); }
  }
}
