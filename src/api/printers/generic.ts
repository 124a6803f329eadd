/**
 * Fallback printer (NAME, AGE) for resources without a dedicated one, as for custom
 * resources without additionalPrinterColumns. Note: upstream's default convertor for
 * built-in kinds prints "Created At" (an RFC 3339 date) instead of AGE.
 */
import { age } from './age.ts';
import { ageColumn, nameColumn, type Printer } from './table.ts';

export const genericPrinter: Printer = {
  columns: [nameColumn, ageColumn],
  cells: (obj, now) => [obj.metadata?.name ?? '', age(obj.metadata?.creationTimestamp, now)],
};
