/**
 * Thrown from a watcher's iterator when its consumer fell so far behind that its buffer passed
 * the bound. The events are gone from the buffer; the API server answers with 410 Gone so the
 * client relists, as kube-apiserver does when a cacheWatcher cannot keep up
 * (https://github.com/kubernetes/kubernetes/blob/v1.33.0/staging/src/k8s.io/apiserver/pkg/storage/cacher/cache_watcher.go).
 */
export class WatchOverflowError extends Error {
  readonly limit: number;
  /** The last revision the consumer received (0 if none). */
  readonly lastRevision: number;
  constructor(limit: number, lastRevision: number) {
    super(`watch buffer passed ${limit} events; the watcher fell too far behind`);
    this.limit = limit; this.lastRevision = lastRevision; this.name = 'WatchOverflowError';
  }
}
