/**
 * The runtime side of the PLEG (pkg/kubelet/pleg/generic.go): list the sandboxes and containers
 * the kubelet made (found by the pod uid label), fetch details only for what is new or changed
 * state (exit code, times, reason; a sandbox's IP), and group them per pod uid as ObservedPod.
 */
import type { CRIClient } from '../cri/service.ts';
import { isNotFound } from '../cri/service.ts';
import type { Container as CRIContainer, ContainerState, PodSandbox } from '../cri/types.ts';
import {
  CONTAINER_HASH_ANNOTATION, CONTAINER_IMAGE_ANNOTATION, CONTAINER_TYPE_ANNOTATION, POD_UID_LABEL, RESTART_COUNT_ANNOTATION,
} from '../labels.ts';
import type { ContainerKind, ContainerRuntimeState, ObservedContainer, ObservedPod, ObservedSandbox } from './observed.ts';
import { sortObserved } from './observed.ts';
import { terminationMessage } from './termination-message.ts';

const ms = (ns: number) => (ns ? Math.floor(ns / 1e6) : undefined);

const STATE: Record<ContainerState, ContainerRuntimeState> = {
  CONTAINER_CREATED: 'created', CONTAINER_RUNNING: 'running', CONTAINER_EXITED: 'exited', CONTAINER_UNKNOWN: 'unknown',
};

export class RuntimeObserver {
  readonly #cri: CRIClient;
  readonly #containers = new Map<string, ObservedContainer>();
  readonly #sandboxes = new Map<string, ObservedSandbox>();

  constructor(cri: CRIClient) { this.#cri = cri; }

  /** One relist: every pod the runtime holds for us, by uid. */
  relist(): Promise<Map<string, ObservedPod>> { return this.#list(); }

  /**
   * The runtime state of one pod (empty when it has nothing). `fresh`: the details of exited
   * containers are read again too, not taken from the last look (an OOM kill may be recorded
   * after the exit).
   */
  async inspect(uid: string, fresh = false): Promise<ObservedPod> {
    return (await this.#list(uid, fresh)).get(uid) ?? { uid, sandboxes: [], containers: [] };
  }

  async #list(uid?: string, fresh = false): Promise<Map<string, ObservedPod>> {
    const labelSelector = uid ? { [POD_UID_LABEL]: uid } : {};
    const [{ items }, { containers }] = await Promise.all([
      this.#cri.runtime.listPodSandbox({ filter: { labelSelector } }),
      this.#cri.runtime.listContainers({ filter: { labelSelector } }),
    ]);
    const pods = new Map<string, ObservedPod>();
    const podOf = (uid: string) => {
      let p = pods.get(uid);
      if (!p) pods.set(uid, (p = { uid, sandboxes: [], containers: [] }));
      return p;
    };
    const seenSb = new Set<string>(), seenC = new Set<string>();
    await Promise.all(items.filter((s) => s.labels[POD_UID_LABEL]).map(async (s) => {
      const o = await this.#sandbox(s);
      if (o) { seenSb.add(s.id); podOf(s.labels[POD_UID_LABEL]).sandboxes.push(o); }
    }));
    await Promise.all(containers.filter((c) => c.labels[POD_UID_LABEL]).map(async (c) => {
      const o = await this.#container(c, fresh);
      if (o) { seenC.add(c.id); podOf(c.labels[POD_UID_LABEL]).containers.push(o); }
    }));
    if (!uid) {
      for (const id of this.#sandboxes.keys()) if (!seenSb.has(id)) this.#sandboxes.delete(id);
      for (const id of this.#containers.keys()) if (!seenC.has(id)) this.#containers.delete(id);
    }
    for (const [uid, p] of pods) pods.set(uid, sortObserved(p));
    return pods;
  }

  async #sandbox(s: PodSandbox): Promise<ObservedSandbox | undefined> {
    const ready = s.state === 'SANDBOX_READY';
    const known = this.#sandboxes.get(s.id);
    if (known && known.ready === ready) return known;
    let ip: string | undefined, extraIPs: string[] | undefined;
    try {
      const st = (await this.#cri.runtime.podSandboxStatus({ podSandboxId: s.id })).status;
      ip = st?.network?.ip || undefined;
      extraIPs = st?.network?.additionalIps?.map((x) => x.ip).filter(Boolean);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
    const o: ObservedSandbox = { id: s.id, ready, attempt: s.metadata?.attempt ?? 0, createdAt: ms(s.createdAt) ?? 0, ip: ip ?? known?.ip, extraIPs };
    this.#sandboxes.set(s.id, o);
    return o;
  }

  async #container(c: CRIContainer, fresh: boolean): Promise<ObservedContainer | undefined> {
    const state = STATE[c.state] ?? 'unknown';
    const known = this.#containers.get(c.id);
    if (known && known.state === state && state !== 'exited') return known;
    if (known && known.state === 'exited' && state === 'exited' && !fresh) return known;
    let st;
    try {
      st = (await this.#cri.runtime.containerStatus({ containerId: c.id })).status;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
    if (!st) return undefined;
    const a = { ...c.annotations, ...st.annotations };
    const o: ObservedContainer = {
      id: c.id, name: c.metadata?.name ?? st.metadata?.name ?? '', sandboxId: c.podSandboxId,
      kind: (a[CONTAINER_TYPE_ANNOTATION] as ContainerKind) || 'regular', state: STATE[st.state] ?? state,
      restartCount: Number(a[RESTART_COUNT_ANNOTATION] ?? c.metadata?.attempt ?? 0) || 0,
      hash: a[CONTAINER_HASH_ANNOTATION] ?? '',
      image: a[CONTAINER_IMAGE_ANNOTATION] ?? st.image?.image ?? '',
      imageRef: st.imageRef || c.imageRef || undefined,
      createdAt: ms(st.createdAt) ?? ms(c.createdAt) ?? 0, startedAt: ms(st.startedAt), finishedAt: ms(st.finishedAt),
      exitCode: st.state === 'CONTAINER_EXITED' ? st.exitCode : undefined,
      reason: st.reason || undefined, message: st.message || undefined,
    };
    // The container's termination message (or its log's tail) joins the runtime's message.
    if (o.state === 'exited') {
      const tm = await terminationMessage(st, a);
      if (tm) o.message = o.message ? `${o.message}: ${tm}` : tm;
    }
    this.#containers.set(c.id, o);
    return o;
  }
}
