/** ConfigMap Table columns (printers.go configMapColumnDefinitions / printConfigMap): DATA counts data plus binaryData keys. */
import type { ConfigMap } from 'kubernetes-types/core/v1.d.ts';
import { age } from './age.ts';
import { desc } from './descriptions.ts';
import { ageColumn, col, nameColumn, type Printer } from './table.ts';

export const configMapPrinter: Printer<ConfigMap> = {
  columns: [nameColumn, col('Data', 'string', desc.configMapData), ageColumn],
  cells: (cm, now) => [
    cm.metadata?.name ?? '',
    Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length,
    age(cm.metadata?.creationTimestamp, now),
  ],
};
