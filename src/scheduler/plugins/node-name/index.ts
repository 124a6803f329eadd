/**
 * NodeName filter (pkg/scheduler/framework/plugins/nodename): a pod that names a node fits
 * only that node. Unresolvable: no other change makes another node match.
 */
import { SKIP, status, type FilterPlugin } from '../../types.ts';

export const NAME = 'NodeName';
export const ERR_REASON = "node(s) didn't match the requested node name";
const REJECT = status(NAME, 'UnschedulableAndUnresolvable', ERR_REASON);

export const filter: FilterPlugin<string> = {
  name: NAME,
  preFilter: (pod) => pod.pod.spec?.nodeName || SKIP,
  filter: (want, _pod, node) => (node.name === want ? undefined : REJECT),
};
