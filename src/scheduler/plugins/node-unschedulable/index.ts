/**
 * NodeUnschedulable filter (pkg/scheduler/framework/plugins/nodeunschedulable): a cordoned
 * node (`spec.unschedulable`) takes only pods tolerating the
 * `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */
import { status, type FilterPlugin } from '../../types.ts';
import { toleratedBy } from '../../util/taints.ts';

export const NAME = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
const TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' } as const;
const REJECT = status(NAME, 'UnschedulableAndUnresolvable', ERR_REASON_UNSCHEDULABLE);

export const filter: FilterPlugin<boolean> = {
  name: NAME,
  preFilter: (pod) => toleratedBy(pod.tolerations, TAINT),
  filter: (tolerated, _pod, node) => (!node.unschedulable || tolerated ? undefined : REJECT),
};
