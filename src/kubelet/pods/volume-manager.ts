/**
 * Keeps the configMap, secret, downwardAPI and projected volumes of running pods up to date (the kubelet's
 * volume manager remounting them on each pod sync, pkg/kubelet/volumemanager): every pod whose volumes were set
 * up is remembered, and its atomic-writer volumes are written again every `resyncMs` (Kubernetes: about a minute)
 * and at once when a ConfigMap or Secret it uses changes (`changed`, fed by an informer). The atomic writer
 * only writes when the payload differs. A pod is forgotten when its pod directory is gone (torn down).
 */
import { existsSync } from 'node:fs';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import type { PodRuntimeFacts } from './env.ts';
import type { ObjectSources } from './sources.ts';
import type { PayloadWarn } from './volume-payload.ts';
import { isAtomic, podDir, setUpVolume, setUpVolumes, VolumeSetUpError } from './volumes.ts';

type RO<T> = DeepReadonly<T>;

export interface VolumeManagerOptions {
  root: string;
  sources: ObjectSources;
  /** Period of the full refresh (default 60 s). */
  resyncMs?: number;
  /** Events on the pod (FailedMount when a refresh fails, unsupported sources). */
  event?: (pod: RO<Pod>, type: 'Normal' | 'Warning', reason: string, message: string) => void;
  log?: (line: string) => void;
}

interface Entry { pod: RO<Pod>; facts: PodRuntimeFacts }

export class VolumeManager {
  readonly #o: VolumeManagerOptions;
  readonly #pods = new Map<string, Entry>();
  #running?: Promise<void>;
  #again = false;

  constructor(o: VolumeManagerOptions) { this.#o = o; }

  #warn(pod: RO<Pod>): PayloadWarn { return (reason, message) => this.#o.event?.(pod, 'Warning', reason, message); }

  /** Sets up every volume of `pod` (throws VolumeSetUpError) and remembers it for refreshes. */
  async setUp(pod: RO<Pod>, facts: PodRuntimeFacts = {}): Promise<void> {
    const uid = pod.metadata?.uid ?? '';
    await setUpVolumes(this.#o.root, pod, this.#o.sources, facts, this.#warn(pod));
    if ((pod.spec?.volumes ?? []).some(isAtomic)) this.#pods.set(uid, { pod, facts });
  }

  forget(uid: string): void { this.#pods.delete(uid); }

  /** Uids whose volumes are refreshed (tests). */
  tracked(): string[] { return [...this.#pods.keys()]; }

  /** A ConfigMap or Secret changed: refresh the pods that use it now. */
  changed(kind: 'ConfigMap' | 'Secret', namespace: string, name: string): void {
    const uses = (p: RO<Pod>) => p.metadata?.namespace === namespace && (p.spec?.volumes ?? []).some((v) =>
      kind === 'ConfigMap'
        ? v.configMap?.name === name || v.projected?.sources?.some((s) => s.configMap?.name === name)
        : v.secret?.secretName === name || v.projected?.sources?.some((s) => s.secret?.name === name));
    if ([...this.#pods.values()].some((e) => uses(e.pod))) void this.refresh();
  }

  /** Writes the atomic volumes of every remembered pod again (serialised; a call during a run runs once more). */
  refresh(): Promise<void> {
    if (this.#running) { this.#again = true; return this.#running; }
    this.#running = (async () => {
      try {
        do { this.#again = false; await this.#refreshAll(); } while (this.#again);
      } finally { this.#running = undefined; }
    })();
    return this.#running;
  }

  async #refreshAll(): Promise<void> {
    for (const [uid, e] of [...this.#pods]) {
      if (!existsSync(podDir(this.#o.root, uid))) { this.#pods.delete(uid); continue; }
      for (const v of e.pod.spec?.volumes ?? []) {
        if (!isAtomic(v)) continue;
        try {
          await setUpVolume(this.#o.root, e.pod, v, this.#o.sources, e.facts, this.#warn(e.pod));
        } catch (err) {
          const msg = new VolumeSetUpError(v.name, (err as Error).message).message;
          this.#o.event?.(e.pod, 'Warning', 'FailedMount', msg);
          this.#o.log?.(`kubelet: refresh volumes of ${e.pod.metadata?.namespace}/${e.pod.metadata?.name}: ${msg}`);
        }
      }
    }
  }

  /** Refreshes every `resyncMs` until `signal` aborts. */
  async run(signal: AbortSignal, sleep: (ms: number, signal: AbortSignal) => Promise<void>): Promise<void> {
    const every = this.#o.resyncMs ?? 60_000;
    while (!signal.aborted) {
      try { await sleep(every, signal); } catch { break; }
      await this.refresh();
    }
  }
}
