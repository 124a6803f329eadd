/** Secret Table columns (printers.go secretColumnDefinitions / printSecret). */
import type { Secret } from 'kubernetes-types/core/v1.d.ts';
import { age } from './age.ts';
import { desc } from './descriptions.ts';
import { ageColumn, col, nameColumn, type Printer } from './table.ts';

export const secretPrinter: Printer<Secret> = {
  columns: [nameColumn, col('Type', 'string', desc.secretType), col('Data', 'string', desc.secretData), ageColumn],
  cells: (s, now) => [
    s.metadata?.name ?? '',
    s.type ?? '',
    // Upstream counts the internal object's data, into which stringData was already merged.
    new Set([...Object.keys(s.data ?? {}), ...Object.keys(s.stringData ?? {})]).size,
    age(s.metadata?.creationTimestamp, now),
  ],
};
