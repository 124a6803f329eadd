/**
 * One simulated node's kubelet heartbeats: the node Lease in kube-node-lease renewed every
 * 10 s (a quarter of its 40 s duration, as the kubelet's nodelease controller:
 * pkg/kubelet/kubelet.go, k8s.io/component-helpers/apimachinery/lease/controller.go), and
 * the Ready/pressure conditions re-posted when stale or changed by someone else (the node
 * lifecycle controller sets Ready Unknown when the lease lapses).
 *
 * Each node renews in its own slot of the interval (a share derived from its name), so
 * thousands of nodes added at once renew spread over the 10 s, not in bursts, and no gap
 * between two renewals is longer than the interval.
 */
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import type { Lease } from 'kubernetes-types/coordination/v1.d.ts';
import { isConflict, isNotFound } from '../api/errors.ts';
import type { Clock } from '../client/clock.ts';
import type { DeepReadonly } from '../client/freeze.ts';
import type { Lister } from '../client/lister.ts';
import { LEASES, NODES } from '../client/resources.ts';
import type { Client } from '../client/types.ts';
import { NODE_LEASE_NAMESPACE } from '../client/resources.ts';
import { isHeartbeatStopped } from './labels.ts';
import { rfc3339Micro } from '../api/meta.ts';
import { conditionsUpdate } from './node-object.ts';

export const LEASE_DURATION_SECONDS = 40;
export const LEASE_RENEW_INTERVAL_MS = 10_000;
/** The kubelet's nodeStatusReportFrequency default: an unchanged status is posted every 5 minutes (the lease says alive). */
export const STATUS_REPORT_INTERVAL_MS = 5 * 60_000;

interface NodeState { leaseDueAt: number; lease?: Lease }

/** A share of `interval` picked by the name (FNV-1a), the same on every run. */
export function spreadOffset(name: string, interval: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h % interval;
}

/** The first time after `now` that sits `offset` into an `interval`-long period (epoch-aligned). */
export function nextSlot(now: number, interval: number, offset: number): number {
  return now - (((now - offset) % interval) + interval) % interval + interval;
}

export class NodeHeartbeats {
  readonly #client: Client;
  readonly #nodes: Lister<Node>;
  readonly #clock: Clock;
  readonly #states = new Map<string, NodeState>();
  readonly #interval: number;

  /** `leaseRenewIntervalMs`: a quarter of the lease duration, as the kubelet renews (10 s). */
  constructor(client: Client, nodes: Lister<Node>, clock: Clock, leaseRenewIntervalMs = LEASE_RENEW_INTERVAL_MS) {
    this.#client = client; this.#nodes = nodes; this.#clock = clock; this.#interval = leaseRenewIntervalMs;
  }

  /** Forgets a deleted node. */
  forget(name: string): void { this.#states.delete(name); }

  /** The next reconcile renews the lease at once (heartbeats resumed). */
  renewNow(name: string): void {
    const st = this.#states.get(name);
    if (st) st.leaseDueAt = 0;
  }

  /** Renews what is due; answers ms until something is due again (undefined: nothing to do). */
  async sync(name: string): Promise<number | undefined> {
    const node = this.#nodes.get(name);
    if (!node) { this.#states.delete(name); return undefined; }
    // Stopped: nothing until the annotation goes (that update enqueues the node again).
    if (isHeartbeatStopped(node)) return undefined;
    let st = this.#states.get(name);
    if (!st) this.#states.set(name, (st = { leaseDueAt: 0 }));
    const now = this.#clock.now();
    if (now.getTime() >= st.leaseDueAt) {
      await this.#renewLease(node, st, now);
      st.leaseDueAt = nextSlot(now.getTime(), this.#interval, spreadOffset(name, this.#interval));
    }
    let statusDueAt: number;
    const conditions = conditionsUpdate(node.status?.conditions, now, STATUS_REPORT_INTERVAL_MS);
    if (conditions) {
      await this.#client.resource<Node>(NODES).patchStatus(name, 'application/strategic-merge-patch+json', { status: { conditions } });
      statusDueAt = now.getTime() + STATUS_REPORT_INTERVAL_MS;
    } else {
      const beats = (node.status?.conditions ?? []).map((c) => Date.parse(c.lastHeartbeatTime ?? ''));
      statusDueAt = Math.min(...beats) + STATUS_REPORT_INTERVAL_MS;
    }
    return Math.max(1, Math.min(st.leaseDueAt, statusDueAt) - now.getTime());
  }

  async #renewLease(node: DeepReadonly<Node>, st: NodeState, now: Date): Promise<void> {
    const name = node.metadata!.name!;
    const leases = this.#client.resource<Lease>(LEASES).namespace(NODE_LEASE_NAMESPACE);
    const spec = { holderIdentity: name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: rfc3339Micro(now) };
    const renew = (l: Lease) => leases.update({ ...l, spec: { ...l.spec, ...spec } });
    // Usually the lease we wrote last is current: one update, no read.
    if (st.lease) {
      try { st.lease = await renew(st.lease); return; } catch (e) { if (!isConflict(e) && !isNotFound(e)) throw e; }
      st.lease = undefined;
    }
    try {
      st.lease = await renew(await leases.get(name));
    } catch (e) {
      if (!isNotFound(e)) throw e;
      st.lease = await leases.create({
        apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
        // Owned by the Node, so deleting the node deletes its lease (the kubelet does the same).
        metadata: { name, namespace: NODE_LEASE_NAMESPACE, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata!.uid! }] },
        spec,
      });
    }
  }
}
