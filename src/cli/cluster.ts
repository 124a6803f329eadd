/**
 * A whole cluster in one process, as `k8ts server` runs it (the k3s model): the API server,
 * then over in-process clients (one per component) and one shared informer factory the controllers, the
 * scheduler, the simulated nodes, and (when asked) the server's own real node. Only wiring.
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
import { newEventRecorder } from '../client/events.ts';
import { InformerFactory } from '../client/informer-factory.ts';
import type { Client } from '../client/types.ts';
import type { ControllerOptions } from '../controllers/context.ts';
import { createControllers } from '../controllers/manager.ts';
import { readHostInfo } from '../kubelet/node/host-info.ts';
import { createScheduler } from '../scheduler/index.ts';
import { ensureSimulatedNodes, startSimulatedNodes } from '../sim/index.ts';
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
  clock?: Clock;
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
  const transportAs = (user: string, userAgent: string) =>
    inProcessTransport(server!.api, { name: user, groups: ['system:masters', 'system:authenticated'] }, { clock, userAgent });
  const transport = transportAs('system:kube-controller-manager', 'kube-controller-manager');
  const client = createClient(transport);
  const schedulerClient = createClient(transportAs('system:kube-scheduler', 'kube-scheduler'));
  const nodeClient = (node: string) => createClient(transportAs(`system:node:${node}`, 'kubelet'));
  const informers = new InformerFactory(client, { clock, log });
  const ac = new AbortController();
  const runnables: { name: string; run(signal: AbortSignal): Promise<void> }[] = [
    ...createControllers({ client, transport, informers, clock, options: o.controllers, log }),
    { name: 'scheduler', ...createScheduler({ client: schedulerClient, informers, clock, recorder: newEventRecorder(schedulerClient, 'default-scheduler', { clock, log }), log }) },
    startSimulatedNodes({ client: nodeClient('simulated'), informers, clock, log, startDelayMs: o.simStartDelayMs, leaseRenewIntervalMs: o.simLeaseRenewIntervalMs }),
  ];
  let node: LocalNode | undefined;
  if (o.node) {
    const host = await readHostInfo(o.dataDir);
    node = await startLocalNode({
      dataDir: o.dataDir, client: nodeClient(o.node.name ?? hostname().toLowerCase()), informers, clock, pki, log,
      nodeName: o.node.name ?? hostname().toLowerCase(), nodeIP: host.internalIP ?? '127.0.0.1',
      kubeletPort: o.node.kubeletPort ?? 10250, mirrors: o.node.mirrors,
    });
    runnables.push({ name: 'kubelet', run: (s) => node!.run(s) });
  }
  informers.start(ac.signal);
  await informers.waitForSync(ac.signal);
  const done = runnables.map((r) => r.run(ac.signal).catch((e) => console.error(`k8ts: ${r.name} stopped: ${(e as Error).stack ?? e}`)));
  if (o.simulatedNodes) await ensureSimulatedNodes(client, o.simulatedNodes, { clock });
  return {
    server, client, url: server.url, node,
    async close(opts = {}) {
      ac.abort();
      await Promise.allSettled(done);
      await node?.stop(opts);
      await server!.close();
    },
  };
}
