/**
 * Tolerations against taints (k8s.io/api/core/v1 toleration.go ToleratesTaint): a toleration
 * with an empty key and Exists tolerates everything; an empty effect matches every effect;
 * Equal (the default) compares the value, Exists ignores it.
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';

export function tolerates(t: DeepReadonly<Toleration>, taint: DeepReadonly<Taint>): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator || 'Equal';
  if (op === 'Exists') return true;
  if (op === 'Equal') return (t.value ?? '') === (taint.value ?? '');
  return false;
}

export function toleratedBy(tolerations: readonly DeepReadonly<Toleration>[], taint: DeepReadonly<Taint>): boolean {
  for (const t of tolerations) if (tolerates(t, taint)) return true;
  return false;
}
