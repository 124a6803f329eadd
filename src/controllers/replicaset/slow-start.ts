/**
 * Slow start, after Kubernetes' slowStartBatch (pkg/controller/replicaset/replica_set.go):
 * call `fn` `count` times in batches of 1, 2, 4, 8 … run concurrently, and stop after the
 * first batch with a failure. A ReplicaSet blocked by quota or admission thus makes a few
 * failing calls per sync instead of hundreds.
 */
export const SLOW_START_INITIAL_BATCH = 1;

export interface SlowStartResult { successes: number; error?: Error }

export async function slowStartBatch(count: number, initialBatch: number, fn: () => Promise<void>): Promise<SlowStartResult> {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatch); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => fn()));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += batch - failed.length;
    if (failed.length) return { successes, error: failed[0].reason as Error };
    remaining -= batch;
  }
  return { successes };
}
