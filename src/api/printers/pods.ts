/** Pod Table columns (printers.go podColumnDefinitions / printPod). */
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { age } from './age.ts';
import { desc } from './descriptions.ts';
import { podSummary } from './pod-status.ts';
import { ageColumn, col, nameColumn, type Printer } from './table.ts';

export const podPrinter: Printer<Pod> = {
  columns: [
    nameColumn,
    col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'string', 'The aggregate status of the containers in this pod.'),
    col('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    ageColumn,
    col('IP', 'string', desc.podIP, { priority: 1 }),
    col('Node', 'string', desc.nodeName, { priority: 1 }),
    col('Nominated Node', 'string', desc.nominatedNodeName, { priority: 1 }),
    col('Readiness Gates', 'string', desc.readinessGates, { priority: 1 }),
  ],
  cells(pod, now) {
    const s = podSummary(pod, now);
    return [
      pod.metadata?.name ?? '', s.ready, s.status, s.restarts, age(pod.metadata?.creationTimestamp, now),
      pod.status?.podIPs?.[0]?.ip || '<none>',
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readinessGates(pod),
    ];
  },
  conditions(pod) {
    // Finished pods carry a Completed row condition so clients can hide them (kubectl get --show-all heritage).
    switch (pod.status?.phase) {
      case 'Succeeded': return [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
      case 'Failed': return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
      default: return undefined;
    }
  },
};

/** "true/total" over spec.readinessGates; only the first condition of each type is looked at. */
function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? [];
  const trueCount = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${trueCount}/${gates.length}`;
}
