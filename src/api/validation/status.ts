/**
 * Status subresource validation: the metadata update checks, condition types, and the apps
 * status counters (ValidateDeploymentStatus, ValidateReplicaSetStatus in pkg/apis/apps/validation).
 */
import { field, type FieldError } from '../errors.ts';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.d.ts';
import { validateObjectMetaUpdate } from './meta.ts';
import { child, index, nonNegative, qualifiedName } from './util.ts';

interface WithStatus { metadata?: ObjectMeta; status?: Record<string, unknown> }

function validateConditions(status: Record<string, unknown> | undefined): FieldError[] {
  const conditions = status?.conditions;
  if (!Array.isArray(conditions)) return [];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  conditions.forEach((c: { type?: string }, i) => {
    const p = child(index('status.conditions', i), 'type');
    if (!c?.type) { errs.push(field.required(p)); return; }
    errs.push(...qualifiedName(c.type, p));
    if (seen.has(c.type)) errs.push(field.duplicate(p, c.type));
    seen.add(c.type);
  });
  return errs;
}

function appsCounters(kind: string, s: Record<string, number | undefined>): FieldError[] {
  const names = kind === 'Deployment'
    ? ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'observedGeneration', 'collisionCount']
    : ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'];
  const errs = names.flatMap((n) => nonNegative(s[n], `status.${n}`));
  const replicas = s.replicas ?? 0;
  const overReplicas = kind === 'Deployment' ? 'cannot be greater than status.replicas' : 'cannot be greater than the number of replicas';
  const capped = kind === 'Deployment' ? ['updatedReplicas', 'readyReplicas', 'availableReplicas'] : ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'];
  for (const n of capped) if ((s[n] ?? 0) > replicas) errs.push(field.invalid(`status.${n}`, s[n], overReplicas));
  if ((s.availableReplicas ?? 0) > (s.readyReplicas ?? 0)) {
    errs.push(field.invalid('status.availableReplicas', s.availableReplicas, 'cannot be greater than readyReplicas'));
  }
  return errs;
}

export function validateStatus(kind: string, obj: WithStatus, old: WithStatus): FieldError[] {
  const errs = [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateConditions(obj.status)];
  if (kind === 'Deployment' || kind === 'ReplicaSet') errs.push(...appsCounters(kind, (obj.status ?? {}) as Record<string, number | undefined>));
  return errs;
}
