/**
 * The client-side apply annotation, which server-side apply by "kubectl" keeps in sync so
 * that a later client-side apply still diffs against what was applied last
 * (k8s.io/apimachinery pkg/util/managedfields/internal/lastappliedupdater.go, buildLastApplied).
 */
import { canonicalJSON } from './path.ts';
import { isObj } from './walk.ts';
import type { Obj } from './walk.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The applied configuration without the annotation itself, encoded as Go's json.Encoder
 * writes an unstructured object: keys sorted, HTML characters escaped, a trailing newline.
 */
export function lastAppliedValue(applied: object): string {
  const c = structuredClone(applied) as Obj;
  if (isObj(c.metadata)) {
    delete c.metadata.managedFields;
    if (isObj(c.metadata.annotations)) delete c.metadata.annotations[LAST_APPLIED];
  }
  return `${goEscape(canonicalJSON(c))}\n`;
}

const ESCAPES: Record<string, string> = {
  '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029',
};
const goEscape = (json: string) => json.replace(/[<>&\u2028\u2029]/g, (ch) => ESCAPES[ch]);
