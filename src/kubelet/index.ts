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
import type { EnvSources } from './pods/env.ts';
import { gracePeriodOf, PodExecutor } from './pods/executor.ts';
import { RuntimeObserver } from './pods/observe.ts';
import type { PlanOptions } from './pods/plan.ts';
import { PodWorkers } from './pods/worker.ts';
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
  /** Probes (issue 6) hook into the plan here. */
  plan?: PlanOptions;
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
      executor = new PodExecutor({
        cri: o.cri, clock: o.clock, recorder, log, root: o.dataDir, memoryCapacity: host.memoryBytes,
        sandbox: { podsDir: o.podsDir, hostDNS: dns }, sources: apiEnvSources(o.client), nodeName: o.nodeName, hostIPs,
        crashBackoff, imageBackoff, plan: o.plan,
      });
      const w = new PodWorkers({
        client: o.client, clock: o.clock, nodeName: o.nodeName, observer, executor, hostIPs,
        root: o.dataDir, crashBackoff, imageBackoff, log, relistMs: o.relistMs,
      });
      // Pods are only judged once the informer has them all: a runtime pod missing from a
      // half-filled cache would otherwise be killed as gone.
      if (await podInf.waitForSync(signal)) {
        workers = w;
        for (const p of podInf.lister.list()) w.update(p);
        await w.run(signal);
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
    },
  };
}
