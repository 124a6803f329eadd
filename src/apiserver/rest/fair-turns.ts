/**
 * Turns of the event loop for in-process requests, shared fairly among clients.
 *
 * Every in-process request waits for a turn before the REST layer runs it (without one,
 * controllers calling the API in a loop run as one endless chain of microtasks and starve
 * timers, I/O and each other). Handing out turns in arrival order is not enough: a client with
 * five hundred requests waiting (a ReplicaSet controller creating pods, an event recorder)
 * then gets five hundred turns for each one of a client that keeps sixteen in flight (the
 * simulated kubelets), and pods pile up created but never started.
 *
 * So each client (a flow) has its own queue, and every turn of the loop lets up to
 * `perTurn` requests of every waiting flow go on, round robin — the fair queuing of the API
 * server's Priority and Fairness, with one priority level and a flow per component
 * (https://kubernetes.io/docs/concepts/cluster-administration/flow-control/).
 */
import { Fifo } from '../../client/fifo.ts';

export class FairTurns {
  readonly #perTurn: number;
  /** Flows with requests waiting, in the order they will be served. */
  readonly #waiting = new Map<object, Fifo<() => void>>();
  #scheduled = false;

  constructor(perTurn = 16) { this.#perTurn = perTurn; }

  /** Resolves when `flow` may run one request. */
  turn(flow: object): Promise<void> {
    return new Promise((resolve) => {
      let q = this.#waiting.get(flow);
      if (!q) this.#waiting.set(flow, (q = new Fifo<() => void>()));
      q.push(resolve);
      if (!this.#scheduled) { this.#scheduled = true; setImmediate(this.#next); }
    });
  }

  readonly #next = (): void => {
    this.#scheduled = false;
    // Resolving only queues each request's continuation; they all run once this callback returns.
    for (const [flow, q] of this.#waiting) {
      for (let i = 0; i < this.#perTurn && q.size; i++) q.shift()!();
      if (!q.size) this.#waiting.delete(flow);
    }
    if (this.#waiting.size) { this.#scheduled = true; setImmediate(this.#next); }
  };
}
