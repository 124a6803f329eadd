/**
 * Shares one informer per (resource, namespace, label selector, field selector) between
 * all the controllers of a process, as client-go's SharedInformerFactory does: one list
 * and one watch per key, however many controllers read it.
 */
import { realClock, type Clock } from './clock.ts';
import type { Indexers } from './cache.ts';
import { SharedInformer } from './informer.ts';
import { refString } from './resources.ts';
import type { Client, ObjectLike, ResourceRef } from './types.ts';

export interface InformerFactoryOptions {
  clock?: Clock;
  resyncMs?: number;
  watchTimeoutSeconds?: number;
  log?: (msg: string) => void;
}

export interface InformerFor<T> {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Added to the shared informer; a name another controller registered with a different function throws. */
  indexers?: Indexers<T>;
}

export class InformerFactory {
  readonly #client: Client;
  readonly #o: InformerFactoryOptions;
  readonly #informers = new Map<string, SharedInformer<ObjectLike>>();
  readonly #started = new Set<string>();
  readonly #runs: Promise<void>[] = [];

  constructor(client: Client, opts: InformerFactoryOptions = {}) {
    this.#client = client;
    this.#o = opts;
  }

  informerFor<T extends ObjectLike>(ref: ResourceRef, f: InformerFor<T> = {}): SharedInformer<T> {
    const key = [refString(ref), f.namespace ?? '', f.labelSelector ?? '', f.fieldSelector ?? ''].join('|');
    let inf = this.#informers.get(key) as SharedInformer<T> | undefined;
    if (!inf) {
      const rc = this.#client.resource<T>(ref);
      inf = new SharedInformer<T>({
        client: f.namespace ? rc.namespace(f.namespace) : rc,
        labelSelector: f.labelSelector, fieldSelector: f.fieldSelector,
        clock: this.#o.clock ?? realClock, resyncMs: this.#o.resyncMs, watchTimeoutSeconds: this.#o.watchTimeoutSeconds,
        log: this.#o.log, name: key,
      });
      this.#informers.set(key, inf as unknown as SharedInformer<ObjectLike>);
    }
    if (f.indexers) inf.addIndexers(f.indexers);
    return inf;
  }

  /** Starts every informer not yet started; call again after asking for more. */
  start(signal: AbortSignal): void {
    for (const [key, inf] of this.#informers) {
      if (this.#started.has(key)) continue;
      this.#started.add(key);
      this.#runs.push(inf.run(signal).catch((e) => this.#o.log?.(`informer ${key}: stopped: ${(e as Error)?.stack ?? e}`)));
    }
  }

  /** True once every started informer has synced; false if `signal` aborts first. */
  async waitForSync(signal?: AbortSignal): Promise<boolean> {
    const all = await Promise.all([...this.#informers.values()].map((i) => i.waitForSync(signal)));
    return all.every(Boolean);
  }

  /** Resolves when every started informer has stopped (after the start signal aborted). */
  async stopped(): Promise<void> { await Promise.all(this.#runs); }
}
