/**
 * The reconcile loop's runner (docs/style.md §"The reconcile loop in TS"): N workers take
 * keys from the queue and call `reconcile(key, signal)`; then
 * - success → `forget` (reset back-off), and `addAfter` if it asked for `requeueAfter`;
 * - a throw → `addRateLimited` (exponential back-off per key), except a `TerminalError`,
 *   which is logged and dropped (controller-runtime's reconcile.TerminalError);
 * - always `done(key)`, so a key re-added while in flight runs again.
 * Returns when `signal` aborts and the workers have finished their current keys.
 */
import type { WorkQueue } from './workqueue.ts';

export type ReconcileResult = { requeueAfter?: number } | void;

/** A failure that retrying cannot fix. */
export class TerminalError extends Error {}

export interface ControllerSpec {
  name: string;
  queue: WorkQueue;
  workers?: number;
  reconcile(key: string, signal: AbortSignal): Promise<ReconcileResult>;
  signal: AbortSignal;
  log?: (msg: string) => void;
}

export async function runController(c: ControllerSpec): Promise<void> {
  const { queue, signal } = c;
  const stop = () => queue.shutDown();
  if (signal.aborted) stop(); else signal.addEventListener('abort', stop, { once: true });
  const worker = async () => {
    for (;;) {
      const key = await queue.get();
      if (key === undefined) return;
      try {
        const r = await c.reconcile(key, signal);
        queue.forget(key);
        if (r && r.requeueAfter !== undefined && r.requeueAfter > 0) queue.addAfter(key, r.requeueAfter);
      } catch (e) {
        if (e instanceof TerminalError) {
          queue.forget(key);
          c.log?.(`${c.name}: ${key}: ${e.message} (not retried)`);
        } else {
          c.log?.(`${c.name}: ${key}: ${(e as Error)?.message ?? e}; requeued (${queue.numRequeues(key) + 1})`);
          queue.addRateLimited(key);
        }
      } finally {
        queue.done(key);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, c.workers ?? 1) }, worker));
  } finally {
    signal.removeEventListener('abort', stop);
  }
}
