/** Node Table columns (printers.go nodeColumnDefinitions / printNode). */
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { age } from './age.ts';
import { desc } from './descriptions.ts';
import { ageColumn, col, nameColumn, type Printer } from './table.ts';

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const LEGACY_ROLE_LABEL = 'kubernetes.io/role';

export const nodePrinter: Printer<Node> = {
  columns: [
    nameColumn,
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    ageColumn,
    col('Version', 'string', desc.kubeletVersion),
    col('Internal-IP', 'string', desc.nodeAddresses, { priority: 1 }),
    col('External-IP', 'string', desc.nodeAddresses, { priority: 1 }),
    col('OS-Image', 'string', desc.osImage, { priority: 1 }),
    col('Kernel-Version', 'string', desc.kernelVersion, { priority: 1 }),
    col('Container-Runtime', 'string', desc.containerRuntimeVersion, { priority: 1 }),
  ],
  cells(node, now) {
    const info = node.status?.nodeInfo;
    return [
      node.metadata?.name ?? '', nodeStatus(node), nodeRoles(node), age(node.metadata?.creationTimestamp, now),
      info?.kubeletVersion ?? '',
      address(node, 'InternalIP'), address(node, 'ExternalIP'),
      info?.osImage || '<unknown>', info?.kernelVersion || '<unknown>', info?.containerRuntimeVersion || '<unknown>',
    ];
  },
};

/** Ready / NotReady from the Ready condition (the last one of that type wins, as upstream's map does), else Unknown. */
function nodeStatus(node: Node): string {
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === 'Ready').at(-1);
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** Sorted, de-duplicated roles from node-role.kubernetes.io/<role> keys and the legacy kubernetes.io/role value. */
function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === LEGACY_ROLE_LABEL && v !== '') roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

function address(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}
