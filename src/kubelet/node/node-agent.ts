/**
 * The kubelet's node side: register the Node (pkg/kubelet/kubelet_node_status.go
 * registerWithAPIServer), post its status — the four conditions when they change and at least
 * every minute as a heartbeat, Ready following the runtime's RuntimeReady/NetworkReady —, renew
 * its Lease in kube-node-lease every 10 s (40 s duration; the nodelease controller), and hand the
 * pod CIDR the node IPAM controller assigns to `onPodCIDR` (which writes the CNI config).
 * While the node is not Ready or has no CIDR yet it looks again every second.
 */
import type { Node, NodeCondition } from 'kubernetes-types/core/v1.d.ts';
import type { Lease } from 'kubernetes-types/coordination/v1.d.ts';
import { isAlreadyExists, isConflict, isNotFound } from '../../api/errors.ts';
import type { Clock } from '../../client/clock.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { LEASES, NODE_LEASE_NAMESPACE, NODES } from '../../client/resources.ts';
import type { Client } from '../../client/types.ts';
import type { CRIClient } from '../cri/service.ts';
import type { HostInfo } from './host-info.ts';
import { conditionsToPost, nodeObject, nodeStatusBase, type Health, type NodeShape } from './node-object.ts';
import { rfc3339Micro } from '../../api/meta.ts';

export const LEASE_DURATION_SECONDS = 40;
export const LEASE_RENEW_MS = 10_000;
export const STATUS_HEARTBEAT_MS = 60_000;
export const STATUS_CHECK_MS = 10_000;
const FAST_MS = 1000;
const SMP = 'application/strategic-merge-patch+json';

export interface NodeAgentOptions {
  client: Client;
  clock: Clock;
  cri: CRIClient;
  nodeName: string;
  host: HostInfo;
  kubeletPort?: number;
  nodeIP?: string;
  controlPlane?: boolean;
  /** The latest Node from an informer, if the caller has one (saves reads). */
  currentNode?: () => DeepReadonly<Node> | undefined;
  onPodCIDR?: (cidr: string) => void | Promise<void>;
  log: (line: string) => void;
}


export class NodeAgent {
  readonly #o: NodeAgentOptions;
  #shape?: NodeShape;
  #node?: Node;
  #lease?: Lease;
  #leaseDue = 0;
  #statusDue = 0;
  #cidrDone?: string;
  #wake?: () => void;

  constructor(o: NodeAgentOptions) { this.#o = o; }

  /** The addresses pods report as hostIPs. */
  hostIPs(): string[] {
    const ip = this.#o.nodeIP ?? this.#o.host.internalIP;
    return ip ? [ip] : [];
  }

  /** Look again now (the Node changed). */
  kick(): void { this.#wake?.(); }

  async #runtimeVersion(): Promise<string> {
    const v = await this.#o.cri.runtime.version({});
    return `${v.runtimeName || 'containerd'}://${v.runtimeVersion}`;
  }

  async #health(): Promise<Health> {
    try {
      const st = await this.#o.cri.runtime.status({});
      const bad = (st.status?.conditions ?? []).filter((c) => (c.type === 'RuntimeReady' || c.type === 'NetworkReady') && !c.status);
      if (!bad.length) return { runtimeReady: true };
      const c = bad[0];
      const what = c.type === 'NetworkReady' ? 'container runtime network not ready' : 'container runtime not ready';
      return { runtimeReady: false, message: `${what}: ${c.type}=false reason:${c.reason} message:${c.message}` };
    } catch (e) {
      return { runtimeReady: false, message: `container runtime is down: ${(e as Error).message}` };
    }
  }

  /** Creates the Node (or adopts the existing one, refreshing its labels) and posts its full status. */
  async register(): Promise<Node> {
    const o = this.#o;
    this.#shape = {
      name: o.nodeName, host: o.host, runtimeVersion: await this.#runtimeVersion(), kubeletPort: o.kubeletPort ?? 10250,
      controlPlane: o.controlPlane, nodeIP: o.nodeIP,
    };
    const nodes = o.client.resource<Node>(NODES);
    const want = nodeObject(this.#shape);
    try {
      this.#node = await nodes.create(want);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      this.#node = await nodes.patch(o.nodeName, SMP, { metadata: { labels: want.metadata!.labels } });
    }
    await this.#postStatus(true);
    return this.#node;
  }

  async #postStatus(full: boolean): Promise<boolean> {
    const o = this.#o;
    const now = o.clock.now();
    const health = await this.#health();
    const cur = o.currentNode?.() ?? this.#node;
    const conditions = conditionsToPost(cur?.status?.conditions as NodeCondition[] | undefined, health, now, STATUS_HEARTBEAT_MS);
    if (conditions || full) {
      const body = { status: { ...(full ? nodeStatusBase(this.#shape!) : {}), ...(conditions ? { conditions } : {}) } };
      this.#node = await o.client.resource<Node>(NODES).patchStatus(o.nodeName, SMP, body);
    }
    return health.runtimeReady;
  }

  async #renewLease(): Promise<void> {
    const o = this.#o;
    const leases = o.client.resource<Lease>(LEASES).namespace(NODE_LEASE_NAMESPACE);
    const spec = { holderIdentity: o.nodeName, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: rfc3339Micro(o.clock.now()) };
    const renew = (l: Lease) => leases.update({ ...l, spec: { ...l.spec, ...spec } });
    if (this.#lease) {
      try { this.#lease = await renew(this.#lease); return; } catch (e) { if (!isConflict(e) && !isNotFound(e)) throw e; }
    }
    try {
      this.#lease = await renew(await leases.get(o.nodeName));
    } catch (e) {
      if (!isNotFound(e)) throw e;
      this.#lease = await leases.create({
        apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
        metadata: { name: o.nodeName, namespace: NODE_LEASE_NAMESPACE, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: o.nodeName, uid: this.#node!.metadata!.uid! }] },
        spec,
      });
    }
  }

  async #checkCIDR(): Promise<boolean> {
    const cidr = (this.#o.currentNode?.() ?? this.#node)?.spec?.podCIDR;
    if (!cidr) return false;
    if (cidr !== this.#cidrDone) {
      await this.#o.onPodCIDR?.(cidr);
      this.#cidrDone = cidr;
      this.#statusDue = 0; // the network may be ready now: report at once
    }
    return true;
  }

  /** Registers, then heartbeats until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    const o = this.#o;
    while (!signal.aborted && !this.#node) {
      try { await this.register(); } catch (e) { o.log(`kubelet: register node ${o.nodeName}: ${(e as Error).message}`); await o.clock.sleep(FAST_MS, signal).catch(() => {}); }
    }
    while (!signal.aborted) {
      let fast = false;
      try {
        const now = o.clock.now().getTime();
        if (now >= this.#leaseDue) { await this.#renewLease(); this.#leaseDue = now + LEASE_RENEW_MS; }
        if (!(await this.#checkCIDR())) { fast = true; if (!this.#o.currentNode) this.#node = await o.client.resource<Node>(NODES).get(o.nodeName); }
        if (o.clock.now().getTime() >= this.#statusDue) {
          const ready = await this.#postStatus(false);
          fast ||= !ready;
          this.#statusDue = o.clock.now().getTime() + (ready ? STATUS_CHECK_MS : FAST_MS);
        }
      } catch (e) {
        o.log(`kubelet: node status: ${(e as Error).message}`);
        fast = true;
      }
      const now = o.clock.now().getTime();
      const wait = fast ? FAST_MS : Math.max(1, Math.min(this.#leaseDue, this.#statusDue) - now);
      await new Promise<void>((resolve) => {
        const cancel = o.clock.after(wait, () => { this.#wake = undefined; resolve(); });
        this.#wake = () => { cancel(); this.#wake = undefined; resolve(); };
        signal.addEventListener('abort', () => this.#wake?.(), { once: true });
      });
    }
  }
}
