/**
 * NodePorts filter (pkg/scheduler/framework/plugins/nodeports): a wanted host port must be
 * free on the node for its protocol, where 0.0.0.0 collides with every address.
 */
import { SKIP, status, type FilterPlugin } from '../../types.ts';

export const NAME = 'NodePorts';
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";
const REJECT = status(NAME, 'Unschedulable', ERR_REASON);

export const filter: FilterPlugin<true> = {
  name: NAME,
  preFilter: (pod) => (pod.hostPorts.length ? true : SKIP),
  filter(_s, pod, node) {
    if (node.usedPorts.size === 0) return undefined;
    for (const hp of pod.hostPorts) if (node.portConflicts(hp)) return REJECT;
    return undefined;
  },
};
