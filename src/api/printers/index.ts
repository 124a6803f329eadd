/**
 * Server-side printing: turn objects into the meta.k8s.io/v1 Table that `kubectl get` asks
 * for (Accept: application/json;as=Table;v=v1;g=meta.k8s.io). See
 * docs/kubectl-contract.md §2 and the apiserver's Table handling in
 * https://github.com/kubernetes/kubernetes/blob/v1.33.0/staging/src/k8s.io/apiserver/pkg/endpoints/handlers/response.go
 */
import { configMapPrinter } from './configmaps.ts';
import { deploymentPrinter } from './deployments.ts';
import { eventPrinter } from './events.ts';
import { genericPrinter } from './generic.ts';
import { leasePrinter } from './leases.ts';
import { namespacePrinter } from './namespaces.ts';
import { nodePrinter } from './nodes.ts';
import { podPrinter } from './pods.ts';
import { replicaSetPrinter } from './replicasets.ts';
import { secretPrinter } from './secrets.ts';
import { servicePrinter } from './services.ts';
import type { KubeObject, Printer, Table, TableRow } from './table.ts';

export type { Table, TableColumnDefinition, TableRow, TableRowCondition, Cell, Printer } from './table.ts';
export { humanDuration, age } from './age.ts';
export { podSummary } from './pod-status.ts';

/** Printers by "<plural>.<group>" (core group is ""). */
const printers = new Map<string, Printer<never>>([
  ['pods.', podPrinter],
  ['deployments.apps', deploymentPrinter],
  ['replicasets.apps', replicaSetPrinter],
  ['nodes.', nodePrinter],
  ['events.', eventPrinter],
  ['namespaces.', namespacePrinter],
  ['configmaps.', configMapPrinter],
  ['secrets.', secretPrinter],
  ['services.', servicePrinter],
  ['leases.coordination.k8s.io', leasePrinter],
]);

/** The printer for a resource, or the NAME/AGE fallback. */
export function printerFor(plural: string, group: string): Printer {
  return (printers.get(`${plural}.${group}`) ?? genericPrinter) as Printer;
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  now: Date;
  /** What rows[].object carries; the server default is Metadata. */
  includeObject?: IncludeObject;
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
  /** Leave out columnDefinitions: watch events after the first one carry rows only. */
  omitHeaders?: boolean;
}

export function toTable(plural: string, group: string, objects: object[], opts: TableOptions): Table {
  const printer = printerFor(plural, group);
  const rows = (objects as KubeObject[]).map((obj) => toRow(printer, obj, opts));
  const metadata: Table['metadata'] = {};
  if (opts.resourceVersion !== undefined) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continue) metadata.continue = opts.continue;
  if (opts.remainingItemCount !== undefined) metadata.remainingItemCount = opts.remainingItemCount;
  const table: Table = { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata, rows };
  if (!opts.omitHeaders) return { kind: table.kind, apiVersion: table.apiVersion, metadata, columnDefinitions: printer.columns, rows };
  return table;
}

function toRow(printer: Printer, obj: KubeObject, opts: TableOptions): TableRow {
  const row: TableRow = { cells: printer.cells(obj, opts.now) };
  const conditions = printer.conditions?.(obj);
  if (conditions) row.conditions = conditions;
  switch (opts.includeObject ?? 'Metadata') {
    case 'None':
      break;
    case 'Object':
      row.object = obj;
      break;
    case 'Metadata':
      row.object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata ?? {} };
      break;
  }
  return row;
}
