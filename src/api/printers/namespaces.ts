/** Namespace Table columns (printers.go namespaceColumnDefinitions / printNamespace). */
import type { Namespace } from 'kubernetes-types/core/v1.d.ts';
import { age } from './age.ts';
import { ageColumn, col, nameColumn, type Printer } from './table.ts';

export const namespacePrinter: Printer<Namespace> = {
  columns: [nameColumn, col('Status', 'string', 'The status of the namespace'), ageColumn],
  cells: (ns, now) => [ns.metadata?.name ?? '', ns.status?.phase ?? '', age(ns.metadata?.creationTimestamp, now)],
};
