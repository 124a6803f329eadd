/**
 * Quantities inside objects are stored in canonical form, as the API server re-serialises
 * them. ResourceLists (requests, limits, capacity) are also rounded up to milli precision, as
 * SetDefaults_ResourceList does in pkg/apis/core/v1/defaults.go.
 */
import { formatQuantity, roundUpQuantity, tryParseQuantity } from '../quantity.ts';

/** The canonical string, or the input unchanged when it does not parse (validation reports it). */
export function canonical(value: unknown): unknown {
  const q = tryParseQuantity(value);
  return q ? formatQuantity(q) : value;
}

export function defaultResourceList(list: Record<string, unknown> | undefined): void {
  if (!list) return;
  for (const [name, value] of Object.entries(list)) {
    const q = tryParseQuantity(value);
    if (q) list[name] = formatQuantity(roundUpQuantity(q, -3));
  }
}
