/**
 * Node defaults: capacity and allocatable are canonical, milli-rounded resource lists, and
 * allocatable defaults to capacity (SetDefaults_NodeStatus).
 */
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { defaultResourceList } from './resources.ts';

export function defaultNode(n: Node): void {
  const status = n.status;
  if (!status) return;
  defaultResourceList(status.capacity as Record<string, unknown> | undefined);
  defaultResourceList(status.allocatable as Record<string, unknown> | undefined);
  if (status.allocatable === undefined && status.capacity) status.allocatable = { ...status.capacity };
}
