/**
 * A short diff of two pod specs for the "pod updates may not change fields" message.
 * Kubernetes appends go-cmp's report of its internal core.PodSpec; this imitates its shape
 * (Go field names, `-`/`+` lines, elided identical fields) without claiming byte equality.
 */
import { deepEqual } from './util.ts';

const goName = (k: string) => k.charAt(0).toUpperCase() + k.slice(1);
const show = (v: unknown) => (v === undefined ? 'nil' : JSON.stringify(v));

export function specDiff(oldSpec: object, newSpec: object): string {
  const o = oldSpec as Record<string, unknown>;
  const n = newSpec as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])];
  const lines = ['  core.PodSpec{'];
  let same = 0;
  for (const k of keys) {
    if (deepEqual(o[k], n[k])) { same++; continue; }
    if (same) lines.push(`  \t... // ${same} identical field${same > 1 ? 's' : ''}`);
    same = 0;
    if (o[k] !== undefined) lines.push(`- \t${goName(k)}: ${show(o[k])},`);
    if (n[k] !== undefined) lines.push(`+ \t${goName(k)}: ${show(n[k])},`);
  }
  if (same) lines.push(`  \t... // ${same} identical field${same > 1 ? 's' : ''}`);
  lines.push('  }');
  return lines.join('\n') + '\n';
}
