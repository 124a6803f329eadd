/**
 * What a kubelet does for a pod on a simulated node, minus the containers:
 * 1. a pod being deleted gracefully is confirmed gone (delete with grace 0) after
 *    `stopDelayMs`, as a kubelet does once its containers stopped;
 * 2. a pending pod waits for the node's `spec.podCIDR` (the node IPAM controller sets it),
 *    then `startDelayMs` after the agent first saw it, it gets an IP and a Running status;
 * 3. a running or finished pod needs nothing (its IP is reserved so it is not handed out twice).
 */
import type { Node, Pod } from 'kubernetes-types/core/v1.d.ts';
import { isConflict, isNotFound } from '../api/errors.ts';
import { splitKey } from '../client/cache.ts';
import type { Clock } from '../client/clock.ts';
import type { DeepReadonly } from '../client/freeze.ts';
import type { Lister } from '../client/lister.ts';
import { PODS } from '../client/resources.ts';
import type { Client } from '../client/types.ts';
import { PodIPAllocator } from './ip-alloc.ts';
import { isHeartbeatStopped } from './labels.ts';
import { runningPodStatus } from './pod-status.ts';

/** How long to wait before trying again when a node's pod CIDR is full. */
const CIDR_FULL_RETRY_MS = 10_000;

interface PodState { seenAt: number; stopAt?: number }

export interface PodSyncOptions { startDelayMs: number; stopDelayMs: number; log: (line: string) => void }

export function internalIP(node: DeepReadonly<Node>): string | undefined {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

export class PodRunner {
  readonly #client: Client;
  readonly #nodes: Lister<Node>;
  readonly #pods: Lister<Pod>;
  readonly #clock: Clock;
  readonly #o: PodSyncOptions;
  readonly #ipam = new Map<string, PodIPAllocator>();
  readonly #states = new Map<string, PodState>();

  constructor(client: Client, nodes: Lister<Node>, pods: Lister<Pod>, clock: Clock, o: PodSyncOptions) {
    this.#client = client; this.#nodes = nodes; this.#pods = pods; this.#clock = clock; this.#o = o;
  }

  #alloc(node: string): PodIPAllocator {
    let a = this.#ipam.get(node);
    if (!a) this.#ipam.set(node, (a = new PodIPAllocator()));
    return a;
  }

  /** Called from the informer for every pod seen: keeps addresses in use reserved before any new one is given. */
  observe(pod: DeepReadonly<Pod>): void {
    const ip = pod.status?.podIP, node = pod.spec?.nodeName, uid = pod.metadata?.uid;
    if (ip && node && uid) this.#alloc(node).reserve(uid, ip);
  }

  /** Called when a pod is gone: frees its address. */
  forget(pod: DeepReadonly<Pod>): void {
    const uid = pod.metadata?.uid ?? '';
    this.#states.delete(uid);
    if (pod.spec?.nodeName) this.#ipam.get(pod.spec.nodeName)?.release(uid);
  }

  forgetNode(name: string): void { this.#ipam.delete(name); }

  /** Answers ms until the pod should be looked at again, or undefined. */
  async sync(key: string): Promise<number | undefined> {
    const pod = this.#pods.get(key);
    if (!pod?.spec?.nodeName || !pod.metadata?.uid) return undefined;
    const node = this.#nodes.get(pod.spec.nodeName);
    // Not ours, or its node "lost": the pod stays as it is, as on a real unreachable node.
    if (!node || isHeartbeatStopped(node)) return undefined;
    const uid = pod.metadata.uid;
    const now = this.#clock.now().getTime();
    let st = this.#states.get(uid);
    if (!st) this.#states.set(uid, (st = { seenAt: now }));
    const { namespace, name } = splitKey(key);
    const pods = this.#client.resource<Pod>(PODS).namespace(namespace ?? 'default');

    if (pod.metadata.deletionTimestamp) {
      st.stopAt ??= now + this.#o.stopDelayMs;
      if (now < st.stopAt) return st.stopAt - now;
      try {
        await pods.delete(name, { gracePeriodSeconds: 0, preconditions: { uid } });
      } catch (e) {
        // Gone already, or a new pod of the same name: either way nothing of ours is left.
        if (!isNotFound(e) && !isConflict(e)) throw e;
      }
      this.forget(pod);
      return undefined;
    }

    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed' || (phase === 'Running' && pod.status?.podIP)) return undefined;
    const cidr = node.spec?.podCIDR;
    const hostIP = internalIP(node);
    if (!cidr || !hostIP) return undefined; // the node update that sets them enqueues its pods again
    if (now < st.seenAt + this.#o.startDelayMs) return st.seenAt + this.#o.startDelayMs - now;
    const podIP = this.#alloc(node.metadata!.name!).allocate(uid, cidr);
    if (!podIP) {
      this.#o.log(`simulated node ${node.metadata!.name}: no free address in ${cidr} for pod ${key}`);
      return CIDR_FULL_RETRY_MS;
    }
    const status = runningPodStatus(pod, { podIP, hostIP, startTime: new Date(st.seenAt), now: new Date(now) });
    try {
      await pods.patchStatus(name, 'application/strategic-merge-patch+json', { status }, { discardResult: true });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    return undefined;
  }
}
