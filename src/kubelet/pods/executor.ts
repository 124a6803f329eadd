/**
 * Runs a plan against the runtime, step by step, as the kubelet's SyncPod
 * (pkg/kubelet/kuberuntime/kuberuntime_manager.go):
 *
 * 1. kill the pod (its containers with the grace period, then its sandboxes), or only the
 *    containers the plan names;
 * 2. create the sandbox (log directory first) and learn its IP;
 * 3. set up volumes; start ephemeral containers, sidecars, the next init container, then the
 *    containers: each one image → config → CreateContainer → StartContainer, with the
 *    kubelet's events; what fails is remembered as the container's waiting reason. Each
 *    container gets its termination-message file; a postStart hook runs after the start and
 *    its failure kills the container (FailedPostStartHook).
 *
 * Stopping runs the preStop hook first, whose time counts against the grace period, then CRI
 * StopContainer (SIGTERM, SIGKILL after the rest of the grace); sidecars stop last.
 */
import { mkdir } from 'node:fs/promises';
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { Clock } from '../../client/clock.ts';
import type { EventRecorder } from '../../client/events.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import type { CRIClient } from '../cri/service.ts';
import { isNotFound } from '../cri/service.ts';
import type { ContainerConfig, In, PodSandboxConfig } from '../cri/types.ts';
import type { Backoff } from './backoff.ts';
import { containerConfig } from './container-config.ts';
import { reasonKey, type WaitingReason } from './container-statuses.ts';
import { ContainerConfigError, type EnvSources } from './env.ts';
import { backoffKey, containerHash } from './hash.ts';
import { ensureImage } from './images.ts';
import { latestContainer, type ContainerKind, type ObservedPod } from './observed.ts';
import { computePodActions, podDesc, type PlanOptions } from './plan.ts';
import type { PodCgroups } from './cgroups.ts';
import { graceAfterHook, killStages } from './kill-order.ts';
import { runHook } from './lifecycle.ts';
import { sandboxConfig, type SandboxEnv } from './sandbox-config.ts';
import { addTerminationMessage } from './termination-message.ts';
import type { ImageUser } from './security.ts';
import { objectSourcesFrom, type ObjectSources } from './sources.ts';
import { VolumeManager } from './volume-manager.ts';
import { VolumeSetUpError } from './volumes.ts';

export interface ExecutorDeps {
  cri: CRIClient;
  clock: Clock;
  recorder: EventRecorder;
  log: (line: string) => void;
  sandbox: SandboxEnv;
  /** Root of pod volume directories (`<root>/pods/<uid>/volumes/…`). */
  root: string;
  memoryCapacity: number;
  sources: EnvSources;
  nodeName: string;
  hostIPs: () => string[];
  crashBackoff: Backoff;
  imageBackoff: Backoff;
  plan?: PlanOptions;
  /** Volumes kept up to date (default: one of our own over `objects`, without a refresh loop). */
  volumes?: VolumeManager;
  /** ConfigMaps and Secrets as bytes for volumes (default: `sources`). */
  objects?: ObjectSources;
  /** Pod-level cgroups, created before the sandbox (the sandbox's cgroupParent comes from `sandbox.cgroupParent`). */
  cgroups?: PodCgroups;
  /** The node's cpu in millicores: resourceFieldRef of an unset cpu limit. */
  cpuCapacityMilli?: number;
}

type RO<T> = DeepReadonly<T>;
export type Reasons = Map<string, WaitingReason>;

/** A container that failed to start (config, create, start) is tried again this much later. */
const FAILED_START_RETRY_MS = 10_000;

const errText = (e: unknown) => (e as { details?: string }).details ?? (e as Error).message ?? String(e);

/** The grace period of a pod being stopped: the deletion's, else the spec's, else 30 s. */
export function gracePeriodOf(pod: RO<Pod> | undefined): number {
  return pod?.metadata?.deletionGracePeriodSeconds ?? pod?.spec?.terminationGracePeriodSeconds ?? 30;
}

const fieldPath = (kind: ContainerKind, name: string) =>
  `spec.${kind === 'init' ? 'initContainers' : kind === 'ephemeral' ? 'ephemeralContainers' : 'containers'}{${name}}`;

export class PodExecutor {
  readonly d: ExecutorDeps;
  readonly volumes: VolumeManager;
  constructor(d: ExecutorDeps) {
    this.d = d;
    this.volumes = d.volumes ?? new VolumeManager({
      root: d.root, sources: d.objects ?? objectSourcesFrom(d.sources), log: d.log,
      event: (pod, type, reason, message) => this.#event(pod, type, reason, message),
    });
  }

  #event(pod: RO<Pod>, type: 'Normal' | 'Warning', reason: string, message: string, path?: string): void {
    this.d.recorder.event({ apiVersion: 'v1', kind: 'Pod', metadata: pod.metadata as Pod['metadata'] }, type, reason, message, path);
  }

  /** One SyncPod; answers when to sync again for a back-off (ms since epoch), if any. */
  async syncPod(pod: RO<Pod>, observed: ObservedPod, reasons: Reasons): Promise<number | undefined> {
    const now = this.d.clock.now().getTime();
    const a = computePodActions(pod, observed, now, this.d.crashBackoff, this.d.plan);

    // 1. Kill.
    if (a.killPod) {
      if (a.createSandbox && observed.sandboxes.length) this.#event(pod, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.');
      await this.killPod(pod, observed, gracePeriodOf(pod));
      if (!a.createSandbox) return undefined;
    } else {
      const ip = observed.sandboxes[0]?.ip;
      await Promise.all(a.containersToKill.map((k) => this.killContainer(pod, k.id, k.name, this.#kindOf(observed, k.id), k.grace ?? gracePeriodOf(pod), k.message, ip)));
    }

    // 2. The sandbox.
    let sandboxId = a.sandboxId;
    const attempt = a.createSandbox ? a.attempt : (observed.sandboxes[0]?.attempt ?? 0);
    const sbConfig = sandboxConfig(pod, attempt, this.d.sandbox);
    let podIP = observed.sandboxes[0]?.ip;
    if (a.createSandbox) {
      try {
        await mkdir(sbConfig.logDirectory!, { recursive: true });
        if (this.d.cgroups) await this.d.cgroups.ensure(pod);
        sandboxId = (await this.d.cri.runtime.runPodSandbox({ config: sbConfig })).podSandboxId;
        const st = (await this.d.cri.runtime.podSandboxStatus({ podSandboxId: sandboxId })).status;
        podIP = st?.network?.ip || undefined;
      } catch (e) {
        this.#event(pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${errText(e)}`);
        throw e;
      }
    }
    if (!sandboxId) return a.nextBackoffAt;

    // 3. Volumes, then containers in order. A hostNetwork pod's IP is the node's.
    const hostIPs = this.d.hostIPs();
    if (pod.spec?.hostNetwork) podIP = hostIPs[0];
    const facts = {
      podIP, podIPs: podIP ? [podIP] : [], hostIPs, hostIP: hostIPs[0], nodeName: this.d.nodeName,
      allocatable: { cpuMilli: this.d.cpuCapacityMilli, memoryBytes: this.d.memoryCapacity },
    };
    try {
      await this.volumes.setUp(pod, facts);
    } catch (e) {
      // As the kubelet: the containers keep waiting in ContainerCreating, the event says why.
      for (const n of [...a.sidecarsToStart, ...(a.initContainerToStart ? [a.initContainerToStart] : []), ...a.containersToStart]) {
        reasons.delete(reasonKey(pod.spec?.initContainers?.some((c) => c.name === n) ? 'init' : 'regular', n));
      }
      this.#event(pod, 'Warning', 'FailedMount', e instanceof VolumeSetUpError ? e.message : `MountVolume.SetUp failed: ${errText(e)}`);
      return Math.min(a.nextBackoffAt ?? Infinity, this.d.clock.now().getTime() + FAILED_START_RETRY_MS);
    }
    const spec = (kind: ContainerKind, name: string) => {
      const l = kind === 'init' ? pod.spec?.initContainers : kind === 'ephemeral' ? pod.spec?.ephemeralContainers : pod.spec?.containers;
      return (l as readonly RO<Container>[] | undefined)?.find((c) => c.name === name);
    };
    let nextAt = a.nextBackoffAt;
    const retry = (at: number) => { nextAt = Math.min(nextAt ?? Infinity, at); };
    const start = (kind: ContainerKind, name: string) => {
      const c = spec(kind, name);
      return c ? this.startContainer(pod, sandboxId!, sbConfig, c, kind, observed, facts, reasons, retry) : Promise.resolve(false);
    };
    for (const n of a.ephemeralToStart) await start('ephemeral', n);
    for (const n of a.sidecarsToStart) await start('init', n);
    if (a.initContainerToStart) await start('init', a.initContainerToStart);
    for (const n of a.containersToStart) await start('regular', n);
    for (const b of a.backingOff) {
      reasons.set(reasonKey(b.kind, b.name), { reason: 'CrashLoopBackOff', message: b.message });
      this.#event(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${b.name} in pod ${podDesc(pod)}`, fieldPath(b.kind, b.name));
    }
    return nextAt;
  }

  /** The image's user, asked of the runtime only when runAsNonRoot must check it. */
  async #imageUser(pod: RO<Pod>, c: RO<Container>, imageRef: string): Promise<ImageUser | undefined> {
    const ps = pod.spec?.securityContext, cs = c.securityContext;
    if (!(cs?.runAsNonRoot ?? ps?.runAsNonRoot) || (cs?.runAsUser ?? ps?.runAsUser) !== undefined) return undefined;
    const img = (await this.d.cri.image.imageStatus({ image: { image: imageRef || c.image || '' } })).image;
    return { uid: img?.uid ? (img.uid.value ?? 0) : undefined, username: img?.username || undefined };
  }

  #kindOf(observed: ObservedPod, id: string): ContainerKind {
    return observed.containers.find((c) => c.id === id)?.kind ?? 'regular';
  }

  async startContainer(
    pod: RO<Pod>, sandboxId: string, sbConfig: In<PodSandboxConfig>, c: RO<Container>, kind: ContainerKind,
    observed: ObservedPod, facts: Parameters<typeof containerConfig>[5]['facts'], reasons: Reasons,
    retry: (at: number) => void = () => {},
  ): Promise<boolean> {
    const key = reasonKey(kind, c.name);
    const path = fieldPath(kind, c.name);
    const fail = (reason: string, message: string, eventMsg = `Error: ${message}`) => {
      reasons.set(key, { reason, message });
      retry(this.d.clock.now().getTime() + FAILED_START_RETRY_MS);
      this.#event(pod, 'Warning', 'Failed', eventMsg, path);
      return false;
    };
    const img = await ensureImage(this.d.cri, this.d.clock, this.d.imageBackoff, pod, c, sbConfig,
      (type, reason, message) => this.#event(pod, type, reason, message, path));
    if ('failed' in img) {
      retry(img.retryAt);
      return fail(img.failed.reason, img.failed.message, `Error: ${img.failed.reason}`);
    }

    const prev = latestContainer(observed, c.name, kind);
    const restartCount = prev ? prev.restartCount + 1 : 0;
    if (prev?.state === 'exited' && prev.finishedAt !== undefined) {
      const now = this.d.clock.now().getTime();
      this.d.crashBackoff.next(backoffKey(pod.metadata?.uid ?? '', c.name, containerHash(c)), prev.finishedAt, now);
    }
    let config;
    try {
      config = await containerConfig(pod, c, kind, restartCount, img.imageRef, {
        root: this.d.root, memoryCapacity: this.d.memoryCapacity, sources: this.d.sources, facts,
        imageUser: await this.#imageUser(pod, c, img.imageRef),
        warn: (reason, message) => this.#event(pod, 'Warning', reason, message),
      });
    } catch (e) {
      if (e instanceof ContainerConfigError) return fail('CreateContainerConfigError', e.message);
      return fail('CreateContainerConfigError', errText(e));
    }
    if (kind !== 'ephemeral') {
      try { await addTerminationMessage(config, this.d.root, pod, c); } catch (e) { return fail('CreateContainerError', errText(e)); }
    }
    const target = kind === 'ephemeral' ? (c as { targetContainerName?: string }).targetContainerName : undefined;
    if (target) joinTargetPid(config, observed, target);
    let id: string;
    try {
      id = (await this.d.cri.runtime.createContainer({ podSandboxId: sandboxId, config, sandboxConfig: sbConfig })).containerId;
    } catch (e) {
      return fail('CreateContainerError', errText(e));
    }
    this.#event(pod, 'Normal', 'Created', `Created container: ${c.name}`, path);
    try {
      await this.d.cri.runtime.startContainer({ containerId: id });
    } catch (e) {
      return fail('RunContainerError', errText(e));
    }
    this.#event(pod, 'Normal', 'Started', `Started container ${c.name}`, path);
    // postStart (kuberuntime_container.go startContainer): a failure kills the container.
    const postStart = c.lifecycle?.postStart;
    if (postStart && kind !== 'ephemeral') {
      const msg = await runHook(postStart, { cri: this.d.cri, clock: this.d.clock, pod, container: c, containerId: id, podIP: facts.podIP, timeoutSeconds: 0 });
      if (msg) {
        this.#event(pod, 'Warning', 'FailedPostStartHook', msg, path);
        await this.killContainer(pod, id, c.name, kind, gracePeriodOf(pod), 'FailedPostStartHook', facts.podIP);
        reasons.set(key, { reason: 'PostStartHookError', message: msg });
        return false;
      }
    }
    reasons.delete(key);
    return true;
  }

  /**
   * The preStop hook (with the grace period as its limit; its time is taken from the grace),
   * then StopContainer: SIGTERM, then SIGKILL after the rest of the grace (the runtime does both).
   */
  async killContainer(pod: RO<Pod> | undefined, id: string, name: string, kind: ContainerKind, grace: number, why?: string, podIP?: string): Promise<void> {
    if (pod) this.#event(pod, 'Normal', 'Killing', why ?? `Stopping container ${name}`, fieldPath(kind, name));
    const c = pod ? specOf(pod, kind, name) : undefined;
    const preStop = c?.lifecycle?.preStop;
    if (pod && c && preStop && grace > 0) {
      const t0 = this.d.clock.now().getTime();
      const msg = await runHook(preStop, { cri: this.d.cri, clock: this.d.clock, pod, container: c, containerId: id, podIP, timeoutSeconds: grace })
        .catch((e) => errText(e));
      if (msg) this.#event(pod, 'Warning', 'FailedPreStopHook', msg, fieldPath(kind, name));
      grace = graceAfterHook(grace, Math.floor((this.d.clock.now().getTime() - t0) / 1000));
    }
    try {
      await this.d.cri.runtime.stopContainer({ containerId: id, timeout: grace }, { timeoutMs: (grace + 30) * 1000 });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  /**
   * Stops every running container with the grace period (the app containers together, then
   * the sidecars in reverse order with what is left of it), then every ready sandbox.
   */
  async killPod(pod: RO<Pod> | undefined, observed: ObservedPod, grace: number): Promise<void> {
    const live = observed.containers.filter((c) => c.state === 'running' || c.state === 'created' || c.state === 'unknown');
    const end = this.d.clock.now().getTime() + grace * 1000;
    const ip = observed.sandboxes[0]?.ip;
    for (const stage of killStages(pod, live)) {
      const left = Math.max(0, Math.ceil((end - this.d.clock.now().getTime()) / 1000));
      await Promise.all(stage.map((c) => this.killContainer(c.state === 'running' ? pod : undefined, c.id, c.name, c.kind, Math.min(grace, left), undefined, ip)));
    }
    for (const s of observed.sandboxes) {
      if (!s.ready) continue;
      try { await this.d.cri.runtime.stopPodSandbox({ podSandboxId: s.id }); } catch (e) { if (!isNotFound(e)) throw e; }
    }
  }

  /** Removes every container and sandbox of a pod that is gone (after killPod). */
  async removeAll(observed: ObservedPod): Promise<void> {
    for (const c of observed.containers) {
      try { await this.d.cri.runtime.removeContainer({ containerId: c.id }); } catch (e) { if (!isNotFound(e)) throw e; }
    }
    for (const s of observed.sandboxes) {
      try { await this.d.cri.runtime.removePodSandbox({ podSandboxId: s.id }); } catch (e) { if (!isNotFound(e)) throw e; }
    }
  }

  /**
   * Garbage: exited containers but the newest of each name (kept for `logs --previous` and
   * lastState), then sandboxes that are not ready, not the newest, and hold no container left.
   */
  async collectGarbage(observed: ObservedPod): Promise<void> {
    const keep = new Set<string>();
    const seen = new Set<string>();
    for (const c of observed.containers) {
      const k = `${c.kind}/${c.name}`;
      if (c.state === 'running' || c.state === 'created' || !seen.has(k)) keep.add(c.id);
      if (c.state === 'exited') seen.add(k);
    }
    for (const c of observed.containers) {
      if (keep.has(c.id)) continue;
      try { await this.d.cri.runtime.removeContainer({ containerId: c.id }); } catch (e) { if (!isNotFound(e)) throw e; }
    }
    const used = new Set(observed.containers.filter((c) => keep.has(c.id)).map((c) => c.sandboxId));
    for (const s of observed.sandboxes.slice(1)) {
      if (s.ready || used.has(s.id)) continue;
      try { await this.d.cri.runtime.removePodSandbox({ podSandboxId: s.id }); } catch (e) { if (!isNotFound(e)) throw e; }
    }
  }
}

function specOf(pod: RO<Pod>, kind: ContainerKind, name: string): RO<Container> | undefined {
  const l = kind === 'init' ? pod.spec?.initContainers : kind === 'ephemeral' ? pod.spec?.ephemeralContainers : pod.spec?.containers;
  return (l as readonly RO<Container>[] | undefined)?.find((c) => c.name === name);
}

/**
 * `kubectl debug --target=C`: an ephemeral container joins C's PID namespace (CRI TARGET mode)
 * unless the pod already shares one [pkg/kubelet/kuberuntime/kuberuntime_container.go,
 * security_context_others.go namespacesForPod with a target].
 */
export function joinTargetPid(config: In<ContainerConfig>, observed: ObservedPod, target: string): void {
  const ns = config.linux?.securityContext?.namespaceOptions;
  const running = observed.containers.find((x) => x.name === target && x.kind === 'regular' && x.state === 'running');
  if (!ns || ns.pid !== 'CONTAINER' || !running) return;
  ns.pid = 'TARGET';
  ns.targetId = running.id;
}
