/**
 * Apply conflicts and the 409 they become.
 *
 * Wording follows k8s.io/apimachinery pkg/util/managedfields/internal/conflict.go
 * (NewConflictError, getConflictMessage, printManager) and apierrors.NewApplyConflict, whose
 * details carry only the causes:
 *   Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .spec.containers[name="web"].image
 * kubectl recognises it by reason Conflict and prints its --force-conflicts advice.
 */
import type { StatusCause } from 'kubernetes-types/meta/v1.d.ts';
import { StatusError } from '../errors.ts';
import type { FieldSet } from './fieldset.ts';
import { managerId } from './managed-fields.ts';
import type { ManagerEntry, Operation } from './managed-fields.ts';
import { renderPath } from './path.ts';
import type { Path } from './path.ts';

export interface Conflict {
  manager: string;
  operation: Operation;
  /** Shown for Update managers only (`using v1`). */
  apiVersion: string;
  subresource?: string;
  path: Path;
  /** The path as Kubernetes prints it: `.spec.containers[name="web"].image`. */
  field: string;
}

/** One conflict per path that `entry` owns in `paths`. */
export function conflictsWith(entry: ManagerEntry, paths: FieldSet): Conflict[] {
  return paths.paths().map((path) => ({
    manager: entry.manager,
    operation: entry.operation,
    apiVersion: entry.apiVersion,
    ...(entry.subresource ? { subresource: entry.subresource } : {}),
    path,
    field: renderPath(path),
  }));
}

/** `"kubectl-edit" using apps/v1`, `"kubectl"`, `"kubelet" with subresource "status" using v1`. */
export function describeManager(c: Pick<Conflict, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  let s = JSON.stringify(c.manager);
  if (c.subresource) s += ` with subresource ${JSON.stringify(c.subresource)}`;
  return c.operation === 'Update' ? `${s} using ${c.apiVersion}` : s;
}

export function conflictMessage(conflicts: Conflict[]): string {
  if (conflicts.length === 1) {
    return `Apply failed with 1 conflict: conflict with ${describeManager(conflicts[0])}: ${conflicts[0].field}`;
  }
  // Grouped per manager, managers in the order of their identifiers.
  const groups = new Map<string, Conflict[]>();
  for (const c of conflicts) {
    const id = managerId(c);
    groups.set(id, [...(groups.get(id) ?? []), c]);
  }
  const lines: string[] = [];
  for (const id of [...groups.keys()].sort()) {
    const cs = groups.get(id)!;
    lines.push(`conflicts with ${describeManager(cs[0])}:`, ...cs.map((c) => `- ${c.field}`));
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/**
 * The 409 Conflict for an apply. `kind`, `group` and `name` are accepted for symmetry with
 * the other error constructors, but Kubernetes puts only the causes in the details.
 */
export function conflictError(conflicts: Conflict[], _kind?: string, _group?: string, _name?: string): StatusError {
  const causes: StatusCause[] = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${describeManager(c)}`,
    field: c.field,
  }));
  return new StatusError({ code: 409, reason: 'Conflict', message: conflictMessage(conflicts), details: { causes } });
}
