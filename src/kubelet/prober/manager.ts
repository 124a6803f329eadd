/**
 * The probe manager (pkg/kubelet/prober/prober_manager.go): one worker per container and
 * probe type, for regular containers and sidecars (restartable init containers), each probing
 * on the injected clock every `periodSeconds` once `initialDelaySeconds` have passed since the
 * container started. Liveness and readiness wait for the startup probe. Every failed probe
 * records an `Unhealthy` event; a changed result asks the pod worker to sync (`onChange`),
 * which restarts the container (liveness, startup) or writes `ready` (readiness).
 *
 * The pod worker calls `sync(pod, observed)` after each pod sync and `removePod(uid)` when the
 * pod stops; results are kept per container id, so a restarted container starts afresh.
 */
import type { Container, Pod, Probe } from 'kubernetes-types/core/v1.d.ts';
import type { Clock } from '../../client/clock.ts';
import type { EventRecorder } from '../../client/events.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import type { CRIClient } from '../cri/service.ts';
import { latestContainer, type ObservedContainer, type ObservedPod } from '../pods/observed.ts';
import { runProbeHandler } from './handler.ts';
import { freshState, probeTiming, record, type WorkerState } from './state.ts';
import { probeTitle, type ProbeKind, type ProbeOutcome, type ProbeView } from './types.ts';

type RO<T> = DeepReadonly<T>;

export interface ProbeManagerDeps {
  cri: CRIClient;
  clock: Clock;
  recorder: EventRecorder;
  log?: (line: string) => void;
  /** A result changed: sync the pod. */
  onChange: (uid: string) => void;
  /** Tests: replaces running the handler. */
  run?: (p: RO<Probe>, containerId: string, c: RO<Container>, podIP: string | undefined) => Promise<ProbeOutcome>;
}

const KINDS: ProbeKind[] = ['startup', 'liveness', 'readiness'];
const probeOf = (c: RO<Container>, k: ProbeKind) => (k === 'startup' ? c.startupProbe : k === 'liveness' ? c.livenessProbe : c.readinessProbe);

interface Worker {
  uid: string;
  kind: ProbeKind;
  init: boolean;
  pod: RO<Pod>;
  spec: RO<Container>;
  cur?: ObservedContainer;
  podIP?: string;
  state: WorkerState;
  cancel?: () => void;
  stopped: boolean;
}

export class ProbeManager implements ProbeView {
  readonly #d: ProbeManagerDeps;
  readonly #workers = new Map<string, Worker>();
  /** containerId → probe kind → the worker's state for that instance. */
  readonly #results = new Map<string, Map<ProbeKind, WorkerState>>();

  constructor(d: ProbeManagerDeps) { this.#d = d; }

  sync(pod: RO<Pod>, observed: ObservedPod): void {
    const uid = pod.metadata?.uid ?? '';
    const sb = observed.sandboxes[0];
    const want = new Set<string>();
    const add = (c: RO<Container>, init: boolean) => {
      for (const kind of KINDS) {
        if (!probeOf(c, kind)) continue;
        const key = `${uid}/${init ? 'init' : 'regular'}/${c.name}/${kind}`;
        want.add(key);
        let w = this.#workers.get(key);
        if (!w) this.#workers.set(key, (w = { uid, kind, init, pod, spec: c, state: freshState(kind), stopped: false }));
        w.pod = pod; w.spec = c; w.podIP = sb?.ip;
        const cur = latestContainer(observed, c.name, init ? 'init' : 'regular', sb?.id);
        const prevId = w.cur?.id;
        w.cur = cur;
        if (cur?.state === 'running' && cur.id !== prevId) this.#restart(w, cur);
      }
    };
    for (const c of pod.spec?.containers ?? []) add(c, false);
    for (const c of pod.spec?.initContainers ?? []) if (c.restartPolicy === 'Always') add(c, true);
    for (const [key, w] of this.#workers) if (w.uid === uid && !want.has(key)) this.#stop(key, w);
  }

  removePod(uid: string): void {
    for (const [key, w] of this.#workers) if (w.uid === uid) this.#stop(key, w);
  }

  /** Workers (tests). */
  count(): number { return this.#workers.size; }

  started(spec: RO<Container>, c: ObservedContainer): boolean {
    return !spec.startupProbe || this.#result(c.id, 'startup') === 'success';
  }

  ready(spec: RO<Container>, c: ObservedContainer): boolean {
    return !spec.readinessProbe || this.#result(c.id, 'readiness') === 'success';
  }

  failed(spec: RO<Container>, c: ObservedContainer): 'liveness' | 'startup' | undefined {
    if (spec.startupProbe && this.#result(c.id, 'startup') === 'failure') return 'startup';
    if (spec.livenessProbe && this.#result(c.id, 'liveness') === 'failure') return 'liveness';
    return undefined;
  }

  #result(id: string, k: ProbeKind) { return this.#results.get(id)?.get(k)?.result; }

  #set(w: Worker, s: WorkerState): void {
    w.state = s;
    if (!s.containerId) return;
    let m = this.#results.get(s.containerId);
    if (!m) this.#results.set(s.containerId, (m = new Map()));
    m.set(w.kind, s);
  }

  #forget(w: Worker): void {
    const id = w.state.containerId;
    const m = id ? this.#results.get(id) : undefined;
    m?.delete(w.kind);
    if (id && m && !m.size) this.#results.delete(id);
  }

  /** A new container instance: initial result, first probe once the initial delay has passed. */
  #restart(w: Worker, cur: ObservedContainer): void {
    w.cancel?.();
    this.#forget(w);
    this.#set(w, freshState(w.kind, cur.id));
    const { initialDelayMs } = probeTiming(probeOf(w.spec, w.kind)!, w.kind);
    const now = this.#d.clock.now().getTime();
    this.#tickAt(w, Math.max(now, (cur.startedAt ?? now) + initialDelayMs));
  }

  #stop(key: string, w: Worker): void {
    w.stopped = true;
    w.cancel?.();
    this.#forget(w);
    this.#workers.delete(key);
  }

  #tickAt(w: Worker, at: number): void {
    w.cancel?.();
    w.cancel = this.#d.clock.after(Math.max(0, at - this.#d.clock.now().getTime()), () => {
      w.cancel = undefined;
      this.#tick(w).catch((e) => this.#d.log?.(`prober: ${w.uid}/${w.spec.name} ${w.kind}: ${(e as Error).message}`));
    });
  }

  async #tick(w: Worker): Promise<void> {
    const probe = probeOf(w.spec, w.kind);
    const cur = w.cur;
    if (w.stopped || !probe || !cur || cur.id !== w.state.containerId || cur.state !== 'running' || w.state.onHold) return;
    const t = probeTiming(probe, w.kind);
    const id = cur.id;
    const next = () => { if (!w.stopped && w.cur?.id === id) this.#tickAt(w, this.#d.clock.now().getTime() + t.periodMs); };
    // A started container is not probed for startup again; the others wait for the start.
    if (w.kind === 'startup' && w.state.result === 'success') return;
    if (w.kind !== 'startup' && !this.started(w.spec, cur)) return next();
    const outcome = await (this.#d.run ? this.#d.run(probe, id, w.spec, w.podIP) : runProbeHandler(probe, { cri: this.#d.cri, containerId: id, container: w.spec, podIP: w.podIP }));
    if (w.stopped || w.state.containerId !== id) return;
    if (outcome.result !== 'success') {
      const what = outcome.result === 'error' ? 'errored' : 'failed';
      const path = `spec.${w.init ? 'initContainers' : 'containers'}{${w.spec.name}}`;
      this.#d.recorder.event({ apiVersion: 'v1', kind: 'Pod', metadata: w.pod.metadata as Pod['metadata'] }, 'Warning', 'Unhealthy',
        `${probeTitle(w.kind)} probe ${what}: ${outcome.output}`, path);
    }
    const r = record(w.kind, w.state, outcome.result, t);
    this.#set(w, r.state);
    if (r.changed) this.#d.onChange(w.uid);
    if (!r.state.onHold) next();
  }
}
