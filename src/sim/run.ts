/**
 * The simulated nodes of a server process (`k8ts server|up --simulated-nodes N`): make sure
 * N exist, then play their kubelet until `signal` aborts. Its own informers: the agent
 * shares nothing with the controllers but the API server.
 */
import { realClock, type Clock } from '../client/clock.ts';
import { InformerFactory } from '../client/informer-factory.ts';
import type { Client } from '../client/types.ts';
import { startSimulatedNodes } from './agent.ts';
import { ensureSimulatedNodes } from './create.ts';

export interface RunSimulatedNodesOptions {
  client: Client;
  /** Simulated nodes to have (created when missing; existing ones are kept). 0: only run the agent. */
  count?: number;
  clock?: Clock;
  log?: (line: string) => void;
  startDelayMs?: number;
}

export async function runSimulatedNodes(o: RunSimulatedNodesOptions, signal: AbortSignal): Promise<void> {
  const clock = o.clock ?? realClock;
  const log = o.log ?? (() => {});
  if (o.count) {
    const made = await ensureSimulatedNodes(o.client, o.count, { clock });
    if (made.length) log(`simulated nodes: created ${made.map((n) => n.metadata?.name).join(', ')}`);
  }
  const informers = new InformerFactory(o.client, { clock, log });
  const sim = startSimulatedNodes({ client: o.client, informers, clock, log, startDelayMs: o.startDelayMs });
  informers.start(signal);
  await sim.run(signal);
  await informers.stopped();
}
