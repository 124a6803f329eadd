/** ReplicaSet Table columns (printers.go replicaSetColumnDefinitions / printReplicaSet). */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { formatLabelSelector } from '../selectors/labels.ts';
import { age } from './age.ts';
import { desc } from './descriptions.ts';
import { ageColumn, col, containerCells, nameColumn, type Printer } from './table.ts';

export const replicaSetPrinter: Printer<ReplicaSet> = {
  columns: [
    nameColumn,
    col('Desired', 'integer', desc.rsSpecReplicas),
    col('Current', 'integer', desc.rsStatusReplicas),
    col('Ready', 'integer', desc.rsReadyReplicas),
    ageColumn,
    col('Containers', 'string', 'Names of each container in the template.', { priority: 1 }),
    col('Images', 'string', 'Images referenced by each container in the template.', { priority: 1 }),
    col('Selector', 'string', desc.rsSelector, { priority: 1 }),
  ],
  cells(rs, now) {
    const [names, images] = containerCells(rs.spec?.template?.spec?.containers);
    return [
      rs.metadata?.name ?? '', rs.spec?.replicas ?? 0, rs.status?.replicas ?? 0, rs.status?.readyReplicas ?? 0,
      age(rs.metadata?.creationTimestamp, now), names, images, formatLabelSelector(rs.spec?.selector),
    ];
  },
};
