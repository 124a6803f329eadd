/**
 * The node lifecycle controller: the node monitor (monitor.ts), taint-based eviction
 * (taint-eviction.ts) and a pod GC (podgc.ts), sharing the node, lease and pod informers.
 */
import { runController } from '../../client/controller-runtime.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import type { Controller } from '../context.ts';
import type { LifecycleDeps } from './deps.ts';
import { NodeMonitor } from './monitor.ts';
import { PodGC } from './podgc.ts';
import { TaintEviction } from './taint-eviction.ts';

export const NAME = 'nodelifecycle';

export class NodeLifecycleController implements Controller {
  readonly name = NAME;
  readonly monitor: NodeMonitor;
  readonly eviction: TaintEviction;
  readonly gc: PodGC;
  readonly queue: WorkQueue;
  readonly #d: LifecycleDeps;
  readonly #workers: number;

  /** Registers the informer handlers at once, so nothing is missed before `run`. */
  constructor(d: LifecycleDeps, workers = 5) {
    this.#d = d;
    this.#workers = workers;
    this.monitor = new NodeMonitor(d);
    this.eviction = new TaintEviction(d);
    this.gc = new PodGC(d);
    this.queue = new WorkQueue({ clock: d.clock, name: 'taint-eviction' });
    this.eviction.watch(this.queue);
  }

  async run(signal: AbortSignal): Promise<void> {
    await Promise.all([
      this.monitor.run(signal),
      this.gc.run(signal),
      runController({
        name: 'taint-eviction', queue: this.queue, workers: this.#workers, signal, log: this.#d.log,
        reconcile: (key) => this.eviction.reconcile(key),
      }),
    ]);
  }
}
