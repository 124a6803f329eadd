/**
 * A whole cluster in one process, as `k8ts server` runs it (the k3s model): the API server,
 * then, over clients of their own (one per component), the controllers, the
 * scheduler, the simulated nodes (on the control-plane thread unless a fake clock is injected
 * or --no-control-plane-thread: see control-plane.ts), and (when asked) the server's own real
 * node. Only wiring.
 */
import { hostname } from 'node:os';
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { startAPIServer, type APIServerOptions, type RunningAPIServer } from '../apiserver/server.ts';
import { inProcessTransport } from '../apiserver/rest/in-process.ts';
import { ensureKubeletClientCert, ensurePKI } from '../apiserver/pki/index.ts';
import { kubeletProxyHandlers } from '../apiserver/proxy/index.ts';
import { resourceFor } from '../api/resources.ts';
import { createClient } from '../client/client.ts';
import { realClock, type Clock } from '../client/clock.ts';
import { InformerFactory } from '../client/informer-factory.ts';
import type { Client } from '../client/types.ts';
import type { ControllerOptions } from '../controllers/context.ts';
import { readHostInfo } from '../kubelet/node/host-info.ts';
import { startControlPlane, type ControlPlaneOptions } from './control-plane.ts';
import { COMPONENTS, startControlPlaneThread } from './control-plane-thread.ts';
import { startLocalNode, type LocalNode } from './local-node.ts';

export interface ClusterOptions extends APIServerOptions {
  /** Simulated nodes to keep (none by default). */
  simulatedNodes?: number;
  /** Delay before a simulated node reports a pod Running. */
  simStartDelayMs?: number;
  /** How often simulated nodes renew their leases (default 10 s; shorter when the grace period is). */
  simLeaseRenewIntervalMs?: number;
  controllers?: Partial<ControllerOptions>;
  /** The server's own node with real containers (containerd + CNI). Off unless given. */
  node?: { name?: string; kubeletPort?: number; mirrors?: Record<string, string> };
  /** Injected into every component; a clock other than the real one keeps them all on this thread. */
  clock?: Clock;
  /** Controllers, scheduler and simulated nodes on their own thread (default; see control-plane.ts). */
  controlPlaneThread?: boolean;
}

export interface RunningCluster {
  server: RunningAPIServer;
  client: Client;
  url: string;
  node?: LocalNode;
  /** Stops everything; `stopPods: false` leaves the node's containers running (tests of re-adoption). */
  close(opts?: { stopPods?: boolean }): Promise<void>;
}

export async function startCluster(o: ClusterOptions): Promise<RunningCluster> {
  const clock = o.clock ?? realClock;
  const log = o.verbose ? (l: string) => console.error(l) : () => {};
  // A wildcard bind address names no host: wantedSANs (pki/sans.ts) leaves it out.
  const pki = await ensurePKI(o.dataDir, { hosts: [o.bindAddress] });
  // The API server reaches kubelets (logs, exec, port-forward) with a client certificate of its own.
  const kubeletClient = await ensureKubeletClientCert(pki);
  let server: RunningAPIServer | undefined;
  const nodesInfo = resourceFor('', 'v1', 'nodes')!;
  const getNode = async (name: string) => (await server!.api.registry(nodesInfo).tryGet(undefined, name)) as Node | undefined;
  server = await startAPIServer({ ...o, pki, streams: o.streams ?? kubeletProxyHandlers({ getNode, pki: { ca: pki.caCertPem, cert: kubeletClient.certPem, key: kubeletClient.keyPem } }) });
  // One transport per component: each is a flow with a fair share of the server (fair-turns.ts),
  // and its user agent names it as field manager, as the real components' do.
  const transportAs = (c: { user: string; userAgent: string }) =>
    inProcessTransport(server!.api, { name: c.user, groups: ['system:masters', 'system:authenticated'] }, { clock, userAgent: c.userAgent });
  const client = createClient(transportAs(COMPONENTS.controllerManager));
  const ac = new AbortController();
  let node: LocalNode | undefined;
  const startNode = async (informers: InformerFactory) => {
    if (!o.node) return [];
    const host = await readHostInfo(o.dataDir);
    const nodeName = o.node.name ?? hostname().toLowerCase();
    node = await startLocalNode({
      dataDir: o.dataDir, client: createClient(transportAs({ user: `system:node:${nodeName}`, userAgent: 'kubelet' })), informers, clock, pki, log,
      nodeName, nodeIP: host.internalIP ?? '127.0.0.1', kubeletPort: o.node.kubeletPort ?? 10250, mirrors: o.node.mirrors,
    });
    return [{ name: 'kubelet', run: (s: AbortSignal) => node!.run(s) }];
  };
  const cpOptions: ControlPlaneOptions = {
    simulatedNodes: o.simulatedNodes, simStartDelayMs: o.simStartDelayMs, simLeaseRenewIntervalMs: o.simLeaseRenewIntervalMs,
    controllers: o.controllers, verbose: o.verbose,
  };
  let stopComponents: () => Promise<void>;
  if (o.clock || o.controlPlaneThread === false) {
    // A fake clock cannot cross to another thread: then everything runs on this one.
    const cp = await startControlPlane({
      controllerManager: transportAs(COMPONENTS.controllerManager), scheduler: transportAs(COMPONENTS.scheduler), kubelet: transportAs(COMPONENTS.kubelet),
    }, cpOptions, ac.signal, { clock, beforeStart: startNode });
    stopComponents = async () => { ac.abort(); await cp.done; };
  } else {
    const thread = await startControlPlaneThread(server.api, cpOptions);
    // The real node's kubelet stays on this thread (it drives containerd), with informers of its own.
    const informers = new InformerFactory(client, { clock, log });
    let runs: Awaited<ReturnType<typeof startNode>>;
    try {
      runs = await startNode(informers);
      informers.start(ac.signal);
      await informers.waitForSync(ac.signal);
    } catch (e) {
      ac.abort();
      await thread.stop();
      await server.close();
      throw e;
    }
    const done = runs.map((r) => r.run(ac.signal).catch((e) => console.error(`k8ts: ${r.name} stopped: ${(e as Error).stack ?? e}`)));
    stopComponents = async () => { ac.abort(); await Promise.allSettled(done); await informers.stopped(); await thread.stop(); };
  }
  return {
    server, client, url: server.url, node,
    async close(opts = {}) {
      await stopComponents();
      await node?.stop(opts);
      await server!.close();
    },
  };
}
