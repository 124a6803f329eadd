/**
 * Simulated nodes (the kwok idea): Node objects labelled k8ts.io/simulated=true whose
 * "kubelet" is one in-process agent that renews their leases and reports their pods
 * Running, with no containers. For scale tests and machines without root.
 */
import type { ControllerEntry } from '../controllers/all.ts';
import { SIMULATED_NODES_NAME, startSimulatedNodes } from './agent.ts';

export { startSimulatedNodes, SIMULATED_NODES_NAME, type SimulatedNodes, type SimulatedNodesOptions } from './agent.ts';
export { runSimulatedNodes, type RunSimulatedNodesOptions } from './run.ts';
export { createSimulatedNodes, ensureSimulatedNodes, planSimNodes, type CreateSimulatedNodesOptions } from './create.ts';
export { HEARTBEATS_ANNOTATION, HEARTBEATS_STOPPED, SIMULATED_LABEL, SIMULATED_SELECTOR, isHeartbeatStopped, isSimulated } from './labels.ts';

/** For the controller manager: the agent as one more controller (it only acts on simulated nodes). */
export const entry: ControllerEntry = {
  name: SIMULATED_NODES_NAME,
  create: (ctx) => startSimulatedNodes({ client: ctx.client, informers: ctx.informers, clock: ctx.clock, log: ctx.log }),
};
