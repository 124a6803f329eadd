/**
 * The meta.k8s.io/v1 Table shape and the pieces every printer shares.
 *
 * A printer is a column list plus a function from one object to its cells. The server
 * always prints the wide cells (the real TableConvertor passes Wide: true); kubectl hides
 * priority-1 columns unless `-o wide`.
 * https://github.com/kubernetes/kubernetes/blob/v1.33.0/pkg/printers/storage/storage.go
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1.d.ts';
import { desc } from './descriptions.ts';

export interface TableColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  priority: number;
}

export interface TableRowCondition { type: 'Completed'; status: 'True' | 'False' | 'Unknown'; reason?: string; message?: string }

export type Cell = string | number | boolean;

export interface TableRow {
  cells: Cell[];
  conditions?: TableRowCondition[];
  object?: object;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions?: TableColumnDefinition[];
  rows: TableRow[];
}

/** Anything with metadata; printers read the rest through their own kubernetes-types type. */
export interface KubeObject { metadata?: ObjectMeta; [k: string]: unknown }

export interface Printer<T = KubeObject> {
  columns: TableColumnDefinition[];
  cells(obj: T, now: Date): Cell[];
  conditions?(obj: T): TableRowCondition[] | undefined;
}

/** Shorthand for a column definition; format and priority default to the common case. */
export function col(
  name: string, type: TableColumnDefinition['type'], description: string,
  opts: { format?: string; priority?: number } = {},
): TableColumnDefinition {
  return { name, type, format: opts.format ?? '', description, priority: opts.priority ?? 0 };
}

/** The Name column every built-in printer starts with (format "name" makes `get all` print kind/name). */
export const nameColumn = col('Name', 'string', desc.objectName, { format: 'name' });
export const ageColumn = col('Age', 'string', desc.creationTimestamp);

/** Names and images of a pod template's containers, comma-joined (printers.go layoutContainerCells). */
export function containerCells(containers: { name: string; image?: string }[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}
