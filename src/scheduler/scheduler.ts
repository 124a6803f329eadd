/**
 * The scheduler: informers feed the cache (nodes, assigned pods) and the queue (unscheduled
 * pods that name no other scheduler); one pod at a time is popped, placed by the algorithm,
 * *assumed* in the cache and bound through pods/binding in the background, so the next pod
 * already sees it (pkg/scheduler/schedule_one.go). A pod that fits nowhere gets
 * PodScheduled=False/Unschedulable and a FailedScheduling event, and waits in the queue for
 * a cluster change. No preemption; one profile.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Namespace, Node, Pod, PodCondition } from 'kubernetes-types/core/v1.d.ts';
import { isConflict, isNotFound } from '../api/errors.ts';
import { rfc3339 } from '../api/meta.ts';
import type { Clock } from '../client/clock.ts';
import type { EventRecorder } from '../client/events.ts';
import type { DeepReadonly } from '../client/freeze.ts';
import type { InformerFactory } from '../client/informer-factory.ts';
import { NAMESPACES, NODES, PODS, REPLICASETS } from '../client/resources.ts';
import type { Client } from '../client/types.ts';
import { Algorithm } from './algorithm.ts';
import { SchedulerCache } from './cache.ts';
import { fitErrorMessage } from './fit-error.ts';
import { newPodInfo } from './pod-info.ts';
import { defaultProfile } from './profile.ts';
import { SchedulingQueue, type QueuedPod } from './queue.ts';
import { replicaSetSpreadSelector } from './spread-selector.ts';

export const SCHEDULER_NAME = 'default-scheduler';
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';
/** Binds and status writes in flight at once. */
const MAX_IN_FLIGHT = 256;
/** Pods scheduled between yields to the event loop (so watches keep flowing). */
const YIELD_EVERY = 64;

export interface SchedulerDeps {
  client: Client;
  informers: InformerFactory;
  clock: Clock;
  /** An integer in [0, n): breaks ties between equal nodes. */
  rand?: (n: number) => number;
  /** Reports as "default-scheduler" (or a factory given the component name). */
  recorder: EventRecorder | ((component: string) => EventRecorder);
  log: (line: string) => void;
}

export interface Scheduler {
  run(signal: AbortSignal): Promise<void>;
  readonly cache: SchedulerCache;
  readonly queue: SchedulingQueue;
}

const isTerminal = (p: DeepReadonly<Pod>) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const podKey = (p: DeepReadonly<Pod>) => `${p.metadata?.namespace}/${p.metadata?.name}`;

/** Whether this scheduler should place the pod (unassigned, ours, alive, not gated). */
export function isSchedulable(p: DeepReadonly<Pod>): boolean {
  const s = p.spec;
  return !s?.nodeName && (!s?.schedulerName || s.schedulerName === SCHEDULER_NAME) &&
    !p.metadata?.deletionTimestamp && !isTerminal(p) && !(s as { schedulingGates?: unknown[] } | undefined)?.schedulingGates?.length;
}

const wantsPodAffinity = (p: DeepReadonly<Pod>) => !!p.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length;
const relevantPodChange = (a: DeepReadonly<Pod>, b: DeepReadonly<Pod>) =>
  JSON.stringify([a.spec, a.metadata?.labels]) !== JSON.stringify([b.spec, b.metadata?.labels]);
const relevantNodeChange = (a: DeepReadonly<Node>, b: DeepReadonly<Node>) =>
  JSON.stringify([a.metadata?.labels, a.spec?.taints, a.spec?.unschedulable, a.status?.allocatable]) !==
  JSON.stringify([b.metadata?.labels, b.spec?.taints, b.spec?.unschedulable, b.status?.allocatable]);

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { client, informers, clock, log } = deps;
  const recorder = typeof deps.recorder === 'function' ? deps.recorder(SCHEDULER_NAME) : deps.recorder;
  const rand = deps.rand ?? ((n: number) => Math.floor(Math.random() * n));
  const podInf = informers.informerFor<Pod>(PODS);
  const nodeInf = informers.informerFor<Node>(NODES);
  const rsInf = informers.informerFor<ReplicaSet>(REPLICASETS);
  const nsInf = informers.informerFor<Namespace>(NAMESPACES);
  const cache = new SchedulerCache((ns) => nsInf.lister.get(ns)?.metadata?.labels as Record<string, string> | undefined);
  const queue = new SchedulingQueue(clock);
  const algorithm = new Algorithm(defaultProfile(replicaSetSpreadSelector(rsInf)), rand);

  // --- informer handlers: events become cache and queue changes only.
  const onPod = (old: DeepReadonly<Pod> | undefined, pod: DeepReadonly<Pod>) => {
    const key = podKey(pod);
    if (pod.spec?.nodeName) {
      queue.delete(key);
      if (isTerminal(pod)) {
        // A finished pod frees its node (the real scheduler's informer filters them out: a delete).
        if (cache.hasPod(key)) { cache.removePod(key); queue.moveAllToActiveOrBackoff(); }
        return;
      }
      const fresh = !cache.hasPod(key) || cache.isAssumed(key);
      cache.upsertPod(pod);
      // A new or relabelled assigned pod can satisfy a parked pod's required pod affinity
      // (InterPodAffinity's AssignedPod Add/UpdatePodLabel events); nothing else it can help.
      if (fresh || (old && relevantPodChange(old, pod))) queue.moveAllToActiveOrBackoff(wantsPodAffinity);
      return;
    }
    if (!isSchedulable(pod)) { queue.delete(key); return; }
    if (old && !old.spec?.nodeName) queue.update(pod, relevantPodChange(old, pod)); else queue.add(pod);
  };
  podInf.addEventHandler({
    onAdd: (p) => onPod(undefined, p),
    onUpdate: (o, p) => onPod(o, p),
    onDelete: (p) => {
      const key = podKey(p);
      queue.delete(key);
      if (cache.hasPod(key)) { cache.removePod(key); queue.moveAllToActiveOrBackoff(); }
    },
  });
  nodeInf.addEventHandler({
    onAdd: (n) => { cache.upsertNode(n); queue.moveAllToActiveOrBackoff(); },
    onUpdate: (o, n) => { cache.upsertNode(n); if (relevantNodeChange(o, n)) queue.moveAllToActiveOrBackoff(); },
    onDelete: (n) => cache.removeNode(n.metadata!.name!),
  });

  // --- background writes, bounded.
  let inFlight = 0;
  let slotWaiters: (() => void)[] = [];
  const background = (fn: () => Promise<void>) => {
    inFlight++;
    fn().catch((e) => log(`scheduler: ${(e as Error).message}`)).finally(() => {
      inFlight--;
      const w = slotWaiters.shift();
      w?.();
    });
  };
  const slot = () => (inFlight < MAX_IN_FLIGHT ? undefined : new Promise<void>((r) => slotWaiters.push(r)));

  const bind = (q: QueuedPod, node: string) => background(async () => {
    const ns = q.pod.metadata!.namespace!;
    const name = q.pod.metadata!.name!;
    try {
      await client.resource(PODS).namespace(ns).bind(name, {
        apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace: ns }, target: { kind: 'Node', name: node, apiVersion: 'v1' },
      });
    } catch (e) {
      cache.forget(q.key);
      if (isNotFound(e) || (isConflict(e) && /already assigned|being deleted|not found/.test((e as Error).message))) { queue.done(q.key); return; }
      log(`scheduler: binding ${q.key} to ${node}: ${(e as Error).message}`);
      queue.failed(q.key, false);
      queue.moveAllToActiveOrBackoff();
      return;
    }
    queue.done(q.key);
    recorder.event(asPod(q.pod), 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${node}`);
  });

  const fail = (q: QueuedPod, reason: string, message: string, unschedulable: boolean) => {
    queue.failed(q.key, unschedulable);
    recorder.event(asPod(q.pod), 'Warning', 'FailedScheduling', message);
    const prior = q.pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (prior && prior.status === 'False' && prior.reason === reason && prior.message === message) return;
    const cond: PodCondition = { type: 'PodScheduled', status: 'False', reason, message, lastProbeTime: null as never, lastTransitionTime: rfc3339(clock.now()) };
    if (prior?.status === 'False') cond.lastTransitionTime = prior.lastTransitionTime;
    background(async () => {
      try {
        await client.resource<Pod>(PODS).namespace(q.pod.metadata!.namespace!)
          .patchStatus(q.pod.metadata!.name!, 'application/strategic-merge-patch+json', { status: { conditions: [cond] } });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    });
  };

  const scheduleOne = (q: QueuedPod) => {
    // Bound or deleted while queued (skipPodSchedule).
    if (cache.hasPod(q.key) || q.pod.metadata?.deletionTimestamp) { queue.done(q.key); return; }
    const info = newPodInfo(q.pod);
    const d = algorithm.schedule(info, cache);
    if (d.ok) {
      cache.assume(info, d.node);
      bind(q, d.node);
      return;
    }
    if (d.numAllNodes === 0) fail(q, 'SchedulerError', NO_NODES_AVAILABLE, false);
    else fail(q, 'Unschedulable', fitErrorMessage(d.numAllNodes, d.statuses.values()), true);
  };

  return {
    cache, queue,
    async run(signal: AbortSignal) {
      queue.run(signal);
      const synced = await Promise.all([podInf, nodeInf, rsInf, nsInf].map((i) => i.waitForSync(signal)));
      if (!synced.every(Boolean)) return;
      log(`scheduler: started with ${cache.nodeCount()} nodes`);
      let n = 0;
      while (!signal.aborted) {
        const q = queue.tryPop() ?? (await queue.pop(signal));
        if (!q) break;
        try { scheduleOne(q); } catch (e) {
          log(`scheduler: scheduling ${q.key}: ${(e as Error)?.stack ?? e}`);
          queue.failed(q.key, false);
        }
        const wait = slot();
        if (wait) await wait;
        else if (++n % YIELD_EVERY === 0) await new Promise<void>((r) => setImmediate(r));
      }
      // Let in-flight binds finish, so callers see a quiet client after run resolves.
      while (inFlight > 0) await new Promise<void>((r) => slotWaiters.push(r));
      slotWaiters = [];
    },
  };
}

const asPod = (p: DeepReadonly<Pod>) => ({ ...p, kind: 'Pod', apiVersion: 'v1' }) as Pod;
