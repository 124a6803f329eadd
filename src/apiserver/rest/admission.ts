/**
 * Admission that every write passes, in one process or over HTTP:
 * - NamespaceLifecycle: no new objects in a missing or terminating namespace
 *   (k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle);
 * - DefaultTolerationSeconds: pods tolerate not-ready/unreachable for 300 s
 *   (plugin/pkg/admission/defaulttolerationseconds).
 */
import { notFound, StatusError } from '../../api/errors.ts';
import type { KObject } from '../../api/meta.ts';
import type { ResourceInfo } from '../../api/resources.ts';
import { addDefaultTolerations } from '../../api/defaults/index.ts';
import type { Registry } from '../registry/registry.ts';

export async function admitCreate(info: ResourceInfo, obj: KObject, namespaces: Registry): Promise<void> {
  const ns = obj.metadata?.namespace;
  if (info.namespaced && ns) {
    const nsObj = await namespaces.tryGetShared(undefined, ns);
    if (!nsObj) throw notFound({ group: '', resource: 'namespaces' }, ns);
    if (nsObj.metadata?.deletionTimestamp || (nsObj.status as { phase?: string } | undefined)?.phase === 'Terminating') {
      const why = `unable to create new content in namespace ${ns} because it is being terminated`;
      // The cause lets clients tell this from other refusals (apierrors NamespaceTerminatingCause).
      throw new StatusError({
        code: 403, reason: 'Forbidden', message: `${info.plural}${info.group ? `.${info.group}` : ''} "${obj.metadata?.name ?? ''}" is forbidden: ${why}`,
        details: { name: obj.metadata?.name, group: info.group || undefined, kind: info.plural, causes: [{ reason: 'NamespaceTerminating', message: why, field: 'metadata.namespace' }] },
      });
    }
  }
  if (info.group === '' && info.plural === 'pods') addDefaultTolerations(obj as never);
}

/** Namespaces the cluster cannot do without (NamespaceLifecycle's immortal namespaces). */
const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

export function admitDelete(info: ResourceInfo, name: string): void {
  if (info.group === '' && info.plural === 'namespaces' && IMMORTAL_NAMESPACES.has(name)) {
    throw new StatusError({
      code: 403, reason: 'Forbidden', message: `namespaces "${name}" is forbidden: this namespace may not be deleted`,
      details: { name, kind: 'namespaces' },
    });
  }
}
