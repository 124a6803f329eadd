/** Query parameters shared by the write verbs, validated with Kubernetes' messages. */
import { badRequest } from '../../api/errors.ts';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export function dryRun(q: URLSearchParams): boolean {
  const v = q.getAll('dryRun');
  for (const x of v) if (x !== 'All') throw badRequest(`Invalid dry run value: ${JSON.stringify(x)}`);
  return v.length > 0;
}

export function fieldValidation(q: URLSearchParams): FieldValidation {
  const v = q.get('fieldValidation');
  if (v === null || v === '') return 'Warn';
  // Case-insensitive as in handlers/rest.go fieldValidation().
  const m = ({ strict: 'Strict', warn: 'Warn', ignore: 'Ignore' } as const)[v.toLowerCase() as 'strict'];
  if (!m) throw badRequest(`fieldValidation parameter unsupported: ${v}`);
  return m;
}

export function fieldManager(q: URLSearchParams, userAgent?: string): string {
  const v = q.get('fieldManager');
  if (v !== null) {
    if (v.length > 128) throw badRequest(`fieldManager: Too long: may not be more than 128 bytes`);
    if (/[^\x20-\x7e]/.test(v)) throw badRequest(`fieldManager: Invalid value: ${JSON.stringify(v)}: must only contain printable characters`);
    return v;
  }
  // Without one, the real server takes the user agent's program name (managedfields prefix).
  return (userAgent ?? 'unknown').split('/')[0] || 'unknown';
}

export function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw badRequest(`invalid ${name} value: ${JSON.stringify(v)}: strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

export function boolParam(q: URLSearchParams, name: string): boolean | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw badRequest(`invalid ${name} value: ${JSON.stringify(v)}: strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
}
