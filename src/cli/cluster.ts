/**
 * A whole control plane in one process, as `k8ts server` runs it (the k3s model): the API
 * server, then over one in-process client and one shared informer factory the
 * controllers, the scheduler and the simulated nodes. Only wiring lives here.
 */
import { startAPIServer, type APIServerOptions, type RunningAPIServer } from '../apiserver/server.ts';
import { inProcessTransport } from '../apiserver/rest/in-process.ts';
import { createClient } from '../client/client.ts';
import { realClock, type Clock } from '../client/clock.ts';
import { newEventRecorder } from '../client/events.ts';
import { InformerFactory } from '../client/informer-factory.ts';
import type { Client } from '../client/types.ts';
import type { ControllerOptions } from '../controllers/context.ts';
import { createControllers } from '../controllers/manager.ts';
import { createScheduler } from '../scheduler/index.ts';
import { ensureSimulatedNodes, startSimulatedNodes } from '../sim/index.ts';

export interface ClusterOptions extends APIServerOptions {
  /** Simulated nodes to create at start (none by default). */
  simulatedNodes?: number;
  /** Delay before a simulated node reports a pod Running. */
  simStartDelayMs?: number;
  /** How often simulated nodes renew their leases (default 10 s; shorter when the grace period is). */
  simLeaseRenewIntervalMs?: number;
  controllers?: Partial<ControllerOptions>;
  clock?: Clock;
}

export interface RunningCluster {
  server: RunningAPIServer;
  client: Client;
  url: string;
  close(): Promise<void>;
}

export async function startCluster(o: ClusterOptions): Promise<RunningCluster> {
  const server = await startAPIServer(o);
  const clock = o.clock ?? realClock;
  const log = o.verbose ? (l: string) => console.error(l) : () => {};
  const transport = inProcessTransport(server.api, { name: 'system:kube-controller-manager', groups: ['system:masters', 'system:authenticated'] }, { clock });
  const client = createClient(transport);
  const informers = new InformerFactory(client, { clock, log });
  const ac = new AbortController();
  const runnables: { name: string; run(signal: AbortSignal): Promise<void> }[] = [
    ...createControllers({ client, transport, informers, clock, options: o.controllers, log }),
    { name: 'scheduler', ...createScheduler({ client, informers, clock, recorder: newEventRecorder(client, 'default-scheduler', { clock, log }), log }) },
    startSimulatedNodes({ client, informers, clock, log, startDelayMs: o.simStartDelayMs, leaseRenewIntervalMs: o.simLeaseRenewIntervalMs }),
  ];
  informers.start(ac.signal);
  await informers.waitForSync(ac.signal);
  const done = runnables.map((r) => r.run(ac.signal).catch((e) => console.error(`k8ts: ${r.name} stopped: ${(e as Error).stack ?? e}`)));
  if (o.simulatedNodes) await ensureSimulatedNodes(client, o.simulatedNodes, { clock });
  return {
    server, client, url: server.url,
    async close() {
      ac.abort();
      await Promise.allSettled(done);
      await server.close();
    },
  };
}
