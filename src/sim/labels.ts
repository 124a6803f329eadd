/**
 * The names simulated nodes are known by. A simulated node is an ordinary Node object that
 * carries `SIMULATED_LABEL`; the in-process agent (agent.ts) plays its kubelet.
 */

/** Marks a Node as played by the simulated-node agent (the kwok idea: `type: kwok`). */
export const SIMULATED_LABEL = 'k8ts.io/simulated';
export const SIMULATED_SELECTOR = `${SIMULATED_LABEL}=true`;

/** Set to "stopped" to make the agent stop renewing the node's lease and status, and stop handling its pods. */
export const HEARTBEATS_ANNOTATION = 'k8ts.io/simulated-heartbeats';
export const HEARTBEATS_STOPPED = 'stopped';


export const SIM_KUBELET_VERSION = 'v1.33.0-k8ts-sim';
export const SIM_RUNTIME_VERSION = 'sim://1';
/** Prefix of the fake container and image ids: nothing runs behind them. */
export const SIM_ID_SCHEME = 'sim://';

export function isHeartbeatStopped(node: { metadata?: { annotations?: Readonly<Record<string, string>> } }): boolean {
  return node.metadata?.annotations?.[HEARTBEATS_ANNOTATION] === HEARTBEATS_STOPPED;
}

export function isSimulated(node: { metadata?: { labels?: Readonly<Record<string, string>> } }): boolean {
  return node.metadata?.labels?.[SIMULATED_LABEL] === 'true';
}
