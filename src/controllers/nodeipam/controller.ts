/**
 * Node IPAM: gives every Node a pod CIDR from the cluster CIDR, as the range allocator does
 * (kubernetes/kubernetes pkg/controller/nodeipam/ipam/range_allocator.go):
 * - at start, every block already on a node is marked used (before any allocation);
 * - a node without `spec.podCIDR` gets the next free block (`spec.podCIDR` and `spec.podCIDRs`);
 * - a deleted node's block is released.
 * Keys are node names. Allocation is in memory and synchronous, so workers never hand out
 * one block twice; the write is a merge patch, so retrying it is harmless.
 */
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { isNotFound } from '../../api/errors.ts';
import type { Clock } from '../../client/clock.ts';
import { runController } from '../../client/controller-runtime.ts';
import type { EventRecorder } from '../../client/events.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { NODES } from '../../client/resources.ts';
import type { Client } from '../../client/types.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import type { Controller } from '../context.ts';
import { CidrSet } from './cidr-set.ts';

export const NAME = 'nodeipam';

export interface IpamDeps {
  client: Client;
  clock: Clock;
  nodes: SharedInformer<Node>;
  /** Reports as "cidrAllocator" (upstream's component name). */
  recorder: EventRecorder;
  log(line: string): void;
  clusterCIDR: string;
  nodeCIDRMaskSize: number;
  workers?: number;
}

export class NodeIpamController implements Controller {
  readonly name = NAME;
  readonly cidrs: CidrSet;
  readonly queue: WorkQueue;
  readonly #d: IpamDeps;
  /** node name → the block it holds (observed or being written). */
  readonly #held = new Map<string, string>();

  constructor(d: IpamDeps) {
    this.#d = d;
    this.cidrs = new CidrSet(d.clusterCIDR, d.nodeCIDRMaskSize);
    this.queue = new WorkQueue({ clock: d.clock, name: NAME });
    d.nodes.addEventHandler({
      onAdd: (n) => { if (!n.spec?.podCIDR) this.queue.add(n.metadata!.name!); },
      onUpdate: (_, n) => { if (!n.spec?.podCIDR) this.queue.add(n.metadata!.name!); },
      onDelete: (n) => this.queue.add(n.metadata!.name!),
    });
  }

  /** Marks the blocks of every cached node used. Call once the node informer has synced. */
  occupyExisting(): void {
    for (const n of this.#d.nodes.lister.list()) {
      const cidr = n.spec?.podCIDR;
      if (cidr && this.cidrs.occupy(cidr)) this.#held.set(n.metadata!.name!, cidr);
    }
  }

  async run(signal: AbortSignal): Promise<void> {
    this.occupyExisting();
    await runController({ name: NAME, queue: this.queue, workers: this.#d.workers ?? 1, signal, log: this.#d.log, reconcile: (k) => this.reconcile(k) });
  }

  async reconcile(name: string): Promise<void> {
    const d = this.#d;
    const node = d.nodes.lister.get(name);
    const held = this.#held.get(name);
    if (!node) {
      if (held) { this.cidrs.release(held); this.#held.delete(name); d.log(`nodeipam: released ${held} of deleted node ${name}`); }
      return;
    }
    const existing = node.spec?.podCIDR;
    if (existing) {
      if (held && held !== existing) this.cidrs.release(held);
      if (this.cidrs.occupy(existing)) this.#held.set(name, existing); else this.#held.delete(name);
      return;
    }
    const cidr = held ?? this.cidrs.allocateNext();
    if (!cidr) {
      d.recorder.event({ apiVersion: 'v1', kind: 'Node', metadata: { name, uid: node.metadata?.uid } }, 'Normal', 'CIDRNotAvailable', `Node ${name} status is now: CIDRNotAvailable`);
      throw new Error(`no pod CIDR left in ${d.clusterCIDR} for node ${name}`);
    }
    this.#held.set(name, cidr);
    try {
      await d.client.resource<Node>(NODES).patch(name, 'application/merge-patch+json', { spec: { podCIDR: cidr, podCIDRs: [cidr] } });
      d.log(`nodeipam: node ${name} gets pod CIDR ${cidr}`);
    } catch (e) {
      // Gone, or given another CIDR meanwhile (422): give ours back; the node's events decide the rest.
      this.cidrs.release(cidr);
      this.#held.delete(name);
      if (!isNotFound(e)) throw e;
    }
  }
}
