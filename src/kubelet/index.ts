/**
 * The kubelet: the node agent that makes pods bound to its node real containers through CRI
 * (pkg/kubelet/kubelet.go). Its parts:
 *
 * - node/: registers the Node, posts its status and conditions, renews its Lease, hands the
 *   pod CIDR to `onPodCIDR` (the wiring writes the CNI config);
 * - pods/: per pod, a plan from the desired pod and the observed runtime (plan.ts, pure), executed
 *   step by step (executor.ts), serialised per pod (worker.ts) and driven by the pod informer,
 *   a 1 s relist of the runtime (the PLEG) and back-off timers; the status written back as
 *   Kubernetes computes it (status.ts, pure).
 *
 *   const kubelet = createKubelet({ client, informers, clock, cri, nodeName, dataDir, podsDir, log });
 *   informers.start(signal);
 *   await kubelet.run(signal);
 */
import type { ConfigMap, Node, Pod, Secret } from 'kubernetes-types/core/v1.d.ts';
import { isNotFound } from '../api/errors.ts';
import type { Clock } from '../client/clock.ts';
import { newEventRecorder, type EventRecorder } from '../client/events.ts';
import type { DeepReadonly } from '../client/freeze.ts';
import type { InformerFactory } from '../client/informer-factory.ts';
import { CONFIGMAPS, NODES, PODS, SECRETS } from '../client/resources.ts';
import type { Client } from '../client/types.ts';
import type { CRIClient } from './cri/service.ts';
import type { DNSConfig } from './cri/types.ts';
import { KUBELET_COMPONENT } from './labels.ts';
import { readHostInfo, type HostInfo } from './node/host-info.ts';
import { NodeAgent } from './node/node-agent.ts';
import { Backoff } from './pods/backoff.ts';
import { defaultCgroupRoot, PodCgroups, podCgroupName } from './pods/cgroups.ts';
import { apiObjectSources } from './pods/sources.ts';
import { VolumeManager } from './pods/volume-manager.ts';
import type { EnvSources } from './pods/env.ts';
import { gracePeriodOf, PodExecutor } from './pods/executor.ts';
import { RuntimeObserver } from './pods/observe.ts';
import type { PlanOptions } from './pods/plan.ts';
import { PodWorkers } from './pods/worker.ts';
import { ProbeManager } from './prober/manager.ts';
import { hostDNS } from './resolv.ts';

export interface KubeletOptions {
  client: Client;
  informers: InformerFactory;
  clock: Clock;
  cri: CRIClient;
  nodeName: string;
  /** The kubelet's root: pod volumes live under `<dataDir>/pods/<uid>/volumes`. */
  dataDir: string;
  /** Container logs: `<podsDir>/<ns>_<name>_<uid>/<container>/<restart>.log`. */
  podsDir: string;
  nodeIP?: string;
  log?: (line: string) => void;
  recorder?: EventRecorder;
  onPodCIDR?: (cidr: string) => void | Promise<void>;
  kubeletPort?: number;
  /** Labels the node node-role.kubernetes.io/control-plane (the server's own node). */
  controlPlane?: boolean;
  /** Tests: host facts and resolver settings instead of reading the machine's. */
  host?: HostInfo;
  hostDNS?: DNSConfig;
  relistMs?: number;
  /** Overrides for the plan (tests); probe results come from the kubelet's own probe manager. */
  plan?: PlanOptions;
  /**
   * Pod-level cgroups (pods/cgroups.ts) under this cgroup root, e.g. `/k8ts/kubepods`; true picks
   * `/k8ts-<hash of dataDir>/kubepods`. Default: on when the machine's facts are read (no `host` given) and
   * cgroups are writable.
   */
  podCgroups?: boolean | string;
  /** How often configMap/secret/downwardAPI/projected volumes are rewritten from their sources (default 60 s). */
  volumeResyncMs?: number;
  /** How often pod cgroups of pods gone are removed (default 2 s, the kubelet's housekeeping period). */
  housekeepingMs?: number;
}

export interface Kubelet {
  readonly nodeName: string;
  /** Registers the node and runs pods until `signal` aborts (containers keep running after). */
  run(signal: AbortSignal): Promise<void>;
  /** Resolves when no pod sync is in flight (tests). */
  idle(): Promise<void>;
  /**
   * For `k8ts down`, after `run` returned: stops every container and sandbox this kubelet made (grace period of each
   * pod, `graceSeconds` for pods unknown), leaving them to be removed or restarted by the next run.
   */
  stopAllPods(graceSeconds?: number): Promise<void>;
}

/** ConfigMaps and Secrets read through the API when a pod needs them (no informer: few pods use them). */
export function apiEnvSources(client: Client): EnvSources {
  const get = async <T>(ref: typeof CONFIGMAPS, ns: string, name: string) => {
    try { return await client.resource<T & { metadata?: object }>(ref).namespace(ns).get(name); } catch (e) { if (isNotFound(e)) return undefined; throw e; }
  };
  return {
    async configMap(ns, name) {
      const cm = await get<ConfigMap>(CONFIGMAPS, ns, name);
      if (!cm) return undefined;
      const bin = Object.fromEntries(Object.entries(cm.binaryData ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('latin1')]));
      return { ...bin, ...(cm.data ?? {}) };
    },
    async secret(ns, name) {
      const s = await get<Secret>(SECRETS, ns, name);
      if (!s) return undefined;
      return Object.fromEntries(Object.entries(s.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
    },
  };
}

export function createKubelet(o: KubeletOptions): Kubelet {
  const log = o.log ?? (() => {});
  const recorder = o.recorder ?? newEventRecorder(o.client, KUBELET_COMPONENT, { clock: o.clock, host: o.nodeName, log });
  // Registered now, so the caller's informers.start() starts them.
  const podInf = o.informers.informerFor<Pod>(PODS, { fieldSelector: `spec.nodeName=${o.nodeName}` });
  const nodeInf = o.informers.informerFor<Node>(NODES, { fieldSelector: `metadata.name=${o.nodeName}` });
  let workers: PodWorkers | undefined;
  let agent: NodeAgent | undefined;
  let executor: PodExecutor | undefined;
  const observer = new RuntimeObserver(o.cri);
  podInf.addEventHandler({
    onAdd: (p) => workers?.update(p),
    onUpdate: (_, p) => workers?.update(p),
    onDelete: (p) => workers?.remove(p),
  });
  nodeInf.addEventHandler({ onAdd: () => agent?.kick(), onUpdate: (a, b) => { if (a.spec?.podCIDR !== b.spec?.podCIDR) agent?.kick(); } });
  // ConfigMap and Secret changes reach mounted volumes at once (the kubelet's watch-based change detection).
  const volumes = new VolumeManager({
    root: o.dataDir, sources: apiObjectSources(o.client), resyncMs: o.volumeResyncMs, log,
    event: (pod, type, reason, message) => recorder.event({ apiVersion: 'v1', kind: 'Pod', metadata: pod.metadata as Pod['metadata'] }, type, reason, message),
  });
  for (const [ref, kind] of [[CONFIGMAPS, 'ConfigMap'], [SECRETS, 'Secret']] as const) {
    const changed = (x: { metadata?: { namespace?: string; name?: string } }) => volumes.changed(kind, x.metadata?.namespace ?? '', x.metadata?.name ?? '');
    o.informers.informerFor<ConfigMap | Secret>(ref).addEventHandler({ onAdd: changed, onUpdate: (_, x) => changed(x), onDelete: changed });
  }
  const cgroupsOn = o.podCgroups ?? (o.host === undefined && PodCgroups.available());
  const cgroups = cgroupsOn
    ? new PodCgroups(typeof cgroupsOn === 'string' ? cgroupsOn : defaultCgroupRoot(o.dataDir))
    : undefined;

  return {
    nodeName: o.nodeName,
    async run(signal) {
      const host = o.host ?? await readHostInfo(o.dataDir);
      const dns = o.hostDNS ?? await hostDNS();
      agent = new NodeAgent({
        client: o.client, clock: o.clock, cri: o.cri, nodeName: o.nodeName, host, kubeletPort: o.kubeletPort, nodeIP: o.nodeIP,
        controlPlane: o.controlPlane, onPodCIDR: o.onPodCIDR, log,
        currentNode: () => nodeInf.lister.get(o.nodeName) as DeepReadonly<Node> | undefined,
      });
      const nodeDone = agent.run(signal);
      const crashBackoff = new Backoff(), imageBackoff = new Backoff();
      const hostIPs = () => agent!.hostIPs();
      // Probe workers (pkg/kubelet/prober): a changed result syncs the pod again.
      const prober = new ProbeManager({ cri: o.cri, clock: o.clock, recorder, log, onChange: (uid) => workers?.schedule(uid) });
      executor = new PodExecutor({
        cri: o.cri, clock: o.clock, recorder, log, root: o.dataDir, memoryCapacity: host.memoryBytes,
        sandbox: { podsDir: o.podsDir, hostDNS: dns, cgroupParent: cgroups && ((p) => podCgroupName(p, cgroups.root)) },
        sources: apiEnvSources(o.client), nodeName: o.nodeName, hostIPs, crashBackoff, imageBackoff, plan: { probes: prober, ...o.plan },
        volumes, cgroups, cpuCapacityMilli: host.cpus * 1000,
      });
      const w = new PodWorkers({
        client: o.client, clock: o.clock, nodeName: o.nodeName, observer, executor, hostIPs,
        root: o.dataDir, crashBackoff, imageBackoff, log, relistMs: o.relistMs, prober,
      });
      // Pods are only judged once the informer has them all: a runtime pod missing from a
      // half-filled cache would otherwise be killed as gone.
      if (await podInf.waitForSync(signal)) {
        workers = w;
        for (const p of podInf.lister.list()) w.update(p);
        const sleep = (ms: number, s: AbortSignal) => o.clock.sleep(ms, s);
        const housekeeping = cgroups ? (async () => {
          while (!signal.aborted) {
            try { await sleep(o.housekeepingMs ?? 2000, signal); } catch { break; }
            const active = new Set(podInf.lister.list().map((p) => p.metadata?.uid ?? ''));
            await cgroups.cleanup(active).catch((e) => log(`kubelet: pod cgroups cleanup: ${(e as Error).message}`));
          }
        })() : Promise.resolve();
        await Promise.all([w.run(signal), volumes.run(signal, sleep), housekeeping]);
      }
      await nodeDone;
    },
    async idle() { await workers?.idle(); },
    // Like the kubelet's graceful node shutdown: each pod gets its grace period, capped at
    // `graceSeconds` (shutdownGracePeriod), so stopping the node takes bounded time.
    async stopAllPods(graceSeconds = 5) {
      if (!executor) return;
      const byUid = new Map(podInf.lister.list().map((p) => [p.metadata?.uid, p]));
      const all = await observer.relist();
      await Promise.all([...all].map(([uid, obs]) => {
        const pod = byUid.get(uid);
        return executor!.killPod(undefined, obs, pod ? Math.min(gracePeriodOf(pod), graceSeconds) : graceSeconds);
      }));
      // Stopped pods leave empty pod cgroups: a later start makes them again.
      if (cgroups) await cgroups.removeAll().catch((e) => log(`kubelet: pod cgroups: ${(e as Error).message}`));
    },
  };
}
