/**
 * managedFields for non-apply writes: the fields a write changed become owned by its field
 * manager with operation Update (k8s.io/apiserver/pkg/endpoints/handlers/fieldmanager).
 */
import type { KObject } from '../../api/meta.ts';
import { recordUpdate } from '../../api/apply/update.ts';

export function trackUpdate(old: KObject | undefined, obj: KObject, manager: string, subresource: string | undefined, now: Date): void {
  const out = recordUpdate({ live: old, updated: obj, manager, apiVersion: String(obj.apiVersion), subresource, now }) as KObject;
  obj.metadata = out.metadata;
}
