/** coordination.k8s.io Lease Table columns (printers.go leaseColumnDefinitions / printLease). */
import type { Lease } from 'kubernetes-types/coordination/v1.d.ts';
import { age } from './age.ts';
import { desc } from './descriptions.ts';
import { ageColumn, col, nameColumn, type Printer } from './table.ts';

export const leasePrinter: Printer<Lease> = {
  columns: [nameColumn, col('Holder', 'string', desc.leaseHolder), ageColumn],
  cells: (l, now) => [l.metadata?.name ?? '', l.spec?.holderIdentity ?? '', age(l.metadata?.creationTimestamp, now)],
};
