/**
 * One worker per pod, serialised per pod uid (pkg/kubelet/pod_workers.go): a sync is triggered
 * by the pod informer, by the PLEG relist (every second: a pod whose runtime state changed),
 * and by back-off timers on the injected clock. A sync whose pod is already syncing runs once
 * more afterwards, never concurrently. Each sync:
 *
 * - pod gone from the API or bound elsewhere → kill and remove what the runtime holds;
 * - deletionTimestamp → stop the containers with the grace period, remove sandbox and
 *   containers, then delete the object with gracePeriodSeconds 0 and a uid precondition;
 * - terminal phase → make sure nothing runs; a relist after the end, read its containers' states
 *   once more (syncTerminatedPod);
 * - past its activeDeadlineSeconds → kill it and write phase Failed, reason DeadlineExceeded;
 * - else (a new pod: write its waiting status first) execute the plan, inspect the runtime
 *   again, hand it to the probe workers, write the status (with the probes' started/ready) if
 *   it changed, and collect the pod's garbage.
 *
 * A pod that left the API without our final delete (a forced deletion) is stopped at once
 * (its last deletionGracePeriodSeconds, 0 when it had none).
 *
 * After a kubelet restart nothing is special: the runtime's sandboxes and containers carry the
 * pod uid, restart count and spec hash, so the plan finds them fine and leaves them running.
 */
import type { ContainerStatus, Pod, PodStatus } from 'kubernetes-types/core/v1.d.ts';
import { isConflict, isNotFound } from '../../api/errors.ts';
import type { Clock } from '../../client/clock.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { PODS } from '../../client/resources.ts';
import type { Client } from '../../client/types.ts';
import type { Backoff } from './backoff.ts';
import { gracePeriodOf, type PodExecutor, type Reasons } from './executor.ts';
import type { RuntimeObserver } from './observe.ts';
import type { ObservedPod } from './observed.ts';
import { isTerminalPhase } from './phase.ts';
import { statusPatch } from './status-patch.ts';
import { podStatusFromRuntime } from './status.ts';
import { tearDownVolumes } from './volumes.ts';
import { DEADLINE_MESSAGE, DEADLINE_REASON, deadlineAt, pastDeadline } from './active-deadline.ts';
import type { ProbeView } from '../prober/types.ts';

/** The probe manager as the pod workers use it (src/kubelet/prober/manager.ts). */
export interface PodProber extends ProbeView {
  sync(pod: DeepReadonly<Pod>, observed: ObservedPod): void;
  removePod(uid: string): void;
}

export interface PodWorkersDeps {
  client: Client;
  clock: Clock;
  nodeName: string;
  observer: RuntimeObserver;
  executor: PodExecutor;
  hostIPs: () => string[];
  /** Root of pod volume dirs, removed when a pod is gone. */
  root: string;
  crashBackoff: Backoff;
  imageBackoff: Backoff;
  log: (line: string) => void;
  relistMs?: number;
  /** Retry delay after a failed sync. */
  retryMs?: number;
  prober?: PodProber;
}

interface PodState {
  pod?: DeepReadonly<Pod>;
  /** The pod as our last status write returned it (newer than the informer's, for a moment). */
  written?: Pod;
  busy: boolean;
  again: boolean;
  reasons: Reasons;
  cancelTimer?: () => void;
  timerAt?: number;
  done?: Promise<void>;
  /** The grace of a pod that left the API (forced deletion). */
  goneGrace?: number;
  /** When a sync first found the pod ended, and whether its status was then read once more (syncTerminatedPod). */
  endedAt?: number;
  finalStatusRead?: boolean;
}

const rvNum = (p: { metadata?: { resourceVersion?: string } } | undefined) => Number(p?.metadata?.resourceVersion ?? 0) || 0;

export class PodWorkers {
  readonly #d: PodWorkersDeps;
  readonly #states = new Map<string, PodState>();
  /** Each pod's runtime state at the previous relist (the PLEG's podRecords). */
  readonly #relisted = new Map<string, string>();
  #stopped = false;

  constructor(d: PodWorkersDeps) { this.#d = d; }

  /** The PLEG's period (1 s, as the kubelet's relist). */
  get #relistMs(): number { return this.#d.relistMs ?? 1000; }

  #state(uid: string): PodState {
    let s = this.#states.get(uid);
    if (!s) this.#states.set(uid, (s = { busy: false, again: false, reasons: new Map() }));
    return s;
  }

  /** The informer saw `pod` (added or updated). */
  update(pod: DeepReadonly<Pod>): void {
    const uid = pod.metadata?.uid;
    if (!uid) return;
    const s = this.#state(uid);
    const old = s.pod;
    s.pod = pod;
    // Our own status writes come back as updates: only what the kubelet acts on triggers a sync
    // (pkg/kubelet/config/config.go checkAndUpdatePod).
    if (old && !needsSync(old, pod)) return;
    this.schedule(uid);
  }

  /** The pod left the API (or this node's informer). */
  remove(pod: DeepReadonly<Pod>): void {
    const uid = pod.metadata?.uid;
    if (!uid) return;
    const s = this.#state(uid);
    s.pod = undefined;
    s.goneGrace = pod.metadata?.deletionGracePeriodSeconds ?? 0;
    this.schedule(uid);
  }

  schedule(uid: string): void {
    if (this.#stopped) return;
    const s = this.#state(uid);
    if (s.busy) { s.again = true; return; }
    s.busy = true;
    s.done = this.#loop(uid, s);
  }

  async #loop(uid: string, s: PodState): Promise<void> {
    try {
      do {
        s.again = false;
        try {
          await this.#sync(uid, s);
        } catch (e) {
          this.#d.log(`kubelet: sync pod ${s.pod?.metadata?.namespace}/${s.pod?.metadata?.name} (${uid}): ${(e as Error)?.stack ?? e}`);
          this.#after(uid, s, this.#d.clock.now().getTime() + (this.#d.retryMs ?? 2000));
        }
      } while (s.again && !this.#stopped);
    } finally {
      s.busy = false;
    }
  }

  #after(uid: string, s: PodState, at: number | undefined): void {
    if (at === undefined || (s.timerAt !== undefined && s.timerAt <= at && s.timerAt > this.#d.clock.now().getTime())) return;
    s.cancelTimer?.();
    s.timerAt = at;
    s.cancelTimer = this.#d.clock.after(Math.max(0, at - this.#d.clock.now().getTime()), () => {
      s.timerAt = undefined; s.cancelTimer = undefined; this.schedule(uid);
    });
  }

  #forget(uid: string, s: PodState): void {
    s.cancelTimer?.();
    this.#states.delete(uid);
    this.#d.crashBackoff.forgetPrefix(`${uid}/`);
    this.#d.imageBackoff.forgetPrefix(`${uid}/`);
  }

  async #sync(uid: string, s: PodState): Promise<void> {
    const d = this.#d;
    const pod = s.written && rvNum(s.written) > rvNum(s.pod) && s.pod ? ({ ...s.pod, status: s.written.status } as DeepReadonly<Pod>) : s.pod;
    let observed = await d.observer.inspect(uid);

    if (!pod || pod.spec?.nodeName !== d.nodeName) {
      d.prober?.removePod(uid);
      await d.executor.killPod(undefined, observed, s.goneGrace ?? 2);
      await d.executor.removeAll(await d.observer.inspect(uid));
      await tearDownVolumes(d.root, uid);
      if (!s.pod) this.#forget(uid, s);
      return;
    }
    const pods = d.client.resource<Pod>(PODS).namespace(pod.metadata?.namespace ?? 'default');

    if (pod.metadata?.deletionTimestamp) {
      d.prober?.removePod(uid);
      await d.executor.killPod(pod, observed, gracePeriodOf(pod));
      observed = await d.observer.inspect(uid);
      await this.#writeStatus(pod, observed, s).catch((e) => { if (!isNotFound(e)) throw e; });
      await d.executor.removeAll(observed);
      await tearDownVolumes(d.root, uid);
      try {
        await pods.delete(pod.metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid } });
      } catch (e) {
        if (!isNotFound(e) && !isConflict(e)) throw e;
      }
      return;
    }

    if (isTerminalPhase(pod.status?.phase)) {
      d.prober?.removePod(uid);
      if (observed.containers.some((c) => c.state === 'running') || observed.sandboxes.some((x) => x.ready)) {
        await d.executor.killPod(pod, observed, gracePeriodOf(pod));
        observed = await d.observer.inspect(uid);
      }
      if (!s.finalStatusRead) {
        // A relist after the end was written (the pod worker's terminated step follows its terminating one).
        const now = d.clock.now().getTime();
        const due = (s.endedAt ??= now) + this.#relistMs;
        if (now < due) this.#after(uid, s, due);
        else {
          await this.#writeFinalStatus(pod, await d.observer.inspect(uid, true), s).catch((e) => { if (!isNotFound(e)) throw e; });
          s.finalStatusRead = true;
        }
      }
      return;
    }

    if (pastDeadline(pod, d.clock.now().getTime())) {
      d.prober?.removePod(uid);
      d.executor.d.recorder.event({ apiVersion: 'v1', kind: 'Pod', metadata: pod.metadata as Pod['metadata'] }, 'Normal', DEADLINE_REASON, DEADLINE_MESSAGE);
      await d.executor.killPod(pod, observed, gracePeriodOf(pod));
      observed = await d.observer.inspect(uid);
      await this.#writeStatus(pod, observed, s, { reason: DEADLINE_REASON, message: DEADLINE_MESSAGE });
      return;
    }

    // As the kubelet's SyncPod, a new pod's status is written before the runtime work: it shows
    // ContainerCreating (with its container statuses) while its sandbox and images are made, and
    // keeps that if the runtime step fails (pkg/kubelet/kubelet.go SyncPod). Later syncs write
    // after the work only: a container's exit is then read once containerd has had time to
    // record an OOM kill (its exit and OOM events arrive in either order).
    // A failed first write must not hold the pod back: the status is written again after the work.
    const before = pod.status?.containerStatuses ? pod
      : await this.#writeStatus(pod, observed, s).catch((e) => { d.log(`kubelet: status of ${pod.metadata?.name}: ${(e as Error).message}`); return pod; });
    let next = await d.executor.syncPod(before, observed, s.reasons);
    observed = await d.observer.inspect(uid);
    d.prober?.sync(before, observed);
    const after = await this.#writeStatus(before, observed, s);
    await d.executor.collectGarbage(observed);
    // An ended pod is looked at once more a relist later: its sandbox stops, and its status is
    // read again (an OOM kill can be recorded after the exit).
    if (isTerminalPhase(after.status?.phase)) {
      s.endedAt ??= d.clock.now().getTime();
      next = Math.min(next ?? Infinity, s.endedAt + this.#relistMs);
    }
    const deadline = deadlineAt((s.written ?? pod) as DeepReadonly<Pod>);
    this.#after(uid, s, deadline !== undefined ? Math.min(next ?? Infinity, deadline) : next);
  }

  /**
   * The kubelet's syncTerminatedPod: the containers of an ended pod are read from the runtime
   * once more and their states written if they changed. containerd may learn of a container's
   * OOM kill after its exit, and the pod's first terminal status then says "Error". Only the
   * state of the same container instance is revised: the rest of the status stays as written
   * (the phase never changes again, and the previous instances behind lastState may be gone).
   */
  async #writeFinalStatus(pod: DeepReadonly<Pod>, observed: ObservedPod, s: PodState): Promise<void> {
    const fresh = podStatusFromRuntime(pod, observed, this.#d.clock.now().getTime(), { reasons: s.reasons, hostIPs: this.#d.hostIPs() });
    const revise = (stored: readonly DeepReadonly<ContainerStatus>[] | undefined, now: ContainerStatus[] | undefined) => stored?.map((c) => {
      const f = now?.find((x) => x.name === c.name);
      return (f?.containerID && f.containerID === c.containerID ? { ...c, state: f.state } : c) as ContainerStatus;
    });
    const st = (pod.status ?? {}) as DeepReadonly<PodStatus>;
    await this.#patchStatus(pod, {
      ...(st as PodStatus),
      initContainerStatuses: revise(st.initContainerStatuses, fresh.initContainerStatuses),
      containerStatuses: revise(st.containerStatuses, fresh.containerStatuses),
    }, s);
  }

  /** Writes the status the runtime shows, if it changed; returns the pod with the status now stored. */
  async #writeStatus(pod: DeepReadonly<Pod>, observed: ObservedPod, s: PodState, failed?: { reason: string; message: string }): Promise<DeepReadonly<Pod>> {
    const want = podStatusFromRuntime(pod, observed, this.#d.clock.now().getTime(), {
      reasons: s.reasons, hostIPs: this.#d.hostIPs(), probes: this.#d.prober, failed,
    });
    return this.#patchStatus(pod, want, s);
  }

  /**
   * Patches the pod's status to `want` if it differs. The patch carries the pod's uid, as the
   * kubelet's status manager puts it there for a precondition: a new pod of the same name
   * refuses it (the uid is immutable) instead of taking the old pod's status.
   */
  async #patchStatus(pod: DeepReadonly<Pod>, want: PodStatus, s: PodState): Promise<DeepReadonly<Pod>> {
    const patch = statusPatch(pod.status as PodStatus | undefined, want);
    if (!patch) return pod;
    const pods = this.#d.client.resource<Pod>(PODS).namespace(pod.metadata?.namespace ?? 'default');
    s.written = await pods.patchStatus(pod.metadata!.name!, 'application/strategic-merge-patch+json', { metadata: { uid: pod.metadata!.uid }, status: patch });
    return { ...pod, status: s.written.status } as DeepReadonly<Pod>;
  }

  /**
   * The PLEG: one relist of the runtime; pods whose state changed since the previous relist
   * are synced again, and runtime pods the kubelet has no worker for (gone from the API) are
   * synced, which kills them.
   */
  async relist(): Promise<void> {
    const all = await this.#d.observer.relist();
    for (const [uid, o] of all) {
      const sig = signature(o);
      if (!this.#states.has(uid) || this.#relisted.get(uid) !== sig) this.schedule(uid);
      this.#relisted.set(uid, sig);
    }
    for (const uid of this.#relisted.keys()) if (!all.has(uid)) this.#relisted.delete(uid);
  }

  /** Runs the PLEG until `signal` aborts (call after the pod informer synced). */
  async run(signal: AbortSignal): Promise<void> {
    const every = this.#relistMs;
    while (!signal.aborted) {
      try { await this.relist(); } catch (e) { this.#d.log(`kubelet: relist: ${(e as Error).message}`); }
      try { await this.#d.clock.sleep(every, signal); } catch { break; }
    }
    this.#stopped = true;
    for (const s of this.#states.values()) s.cancelTimer?.();
    await this.idle();
  }

  /** Resolves when no sync is running (tests). */
  async idle(): Promise<void> {
    for (;;) {
      const busy = [...this.#states.values()].filter((s) => s.busy).map((s) => s.done);
      if (!busy.length) return;
      await Promise.all(busy);
    }
  }

  /** Uids with a worker (tests, debugging). */
  known(): string[] { return [...this.#states.keys()]; }
}

function needsSync(a: DeepReadonly<Pod>, b: DeepReadonly<Pod>): boolean {
  const pick = (p: DeepReadonly<Pod>) => JSON.stringify([p.spec, p.metadata?.labels, p.metadata?.annotations, p.metadata?.deletionTimestamp, p.metadata?.deletionGracePeriodSeconds]);
  return pick(a) !== pick(b);
}

/** What a relist compares: each sandbox's and container's id and state. */
function signature(o: ObservedPod): string {
  return [...o.sandboxes.map((s) => `${s.id}:${s.ready}`), ...o.containers.map((c) => `${c.id}:${c.state}`)].sort().join(',');
}
