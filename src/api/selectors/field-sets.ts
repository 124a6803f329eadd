/**
 * Which fields each resource can be selected by, and their values for one object.
 * Supported labels follow the field-label conversion functions (e.g. pkg/apis/core/v1/conversion.go)
 * and values the registries' ToSelectableFields / GetAttrs (e.g. pkg/registry/core/pod/strategy.go)
 * in kubernetes v1.33. A selector naming any other field is rejected with
 * 400 "field label not supported: <field>", as the real server does.
 */
import type { CertificateSigningRequest } from 'kubernetes-types/certificates/v1.d.ts';
import type { Event, Namespace, Node, Pod, Secret, ReplicationController } from 'kubernetes-types/core/v1.d.ts';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Job } from 'kubernetes-types/batch/v1.d.ts';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.d.ts';
import { badRequest } from '../errors.ts';
import type { FieldRequirement, FieldSelector } from './fields.ts';

type Fields = Record<string, string>;
interface FieldSpec {
  /** Field values of one object (metadata fields are added by fieldsFor unless `noNamespace`). */
  extra(obj: any): Fields;
  /** Cluster-scoped kinds whose conversion accepts metadata.name only. */
  noNamespace?: boolean;
  /** Old names accepted and rewritten to the current one. */
  aliases?: Record<string, string>;
}

const str = (b: boolean | undefined) => (b ? 'true' : 'false');

const specs: Record<string, FieldSpec> = {
  pods: {
    extra: (p: Pod) => ({
      'spec.nodeName': p.spec?.nodeName ?? '',
      'spec.restartPolicy': p.spec?.restartPolicy ?? '',
      'spec.schedulerName': p.spec?.schedulerName ?? '',
      'spec.serviceAccountName': p.spec?.serviceAccountName ?? '',
      'spec.hostNetwork': str(p.spec?.hostNetwork),
      'status.phase': p.status?.phase ?? '',
      // The primary IP is the first of podIPs (podIP mirrors it).
      'status.podIP': p.status?.podIPs?.[0]?.ip ?? p.status?.podIP ?? '',
      'status.podIPs': (p.status?.podIPs ?? []).map((x) => x.ip).join(','),
      'status.nominatedNodeName': p.status?.nominatedNodeName ?? '',
    }),
    // Backwards compatibility with old v1 clients.
    aliases: { 'spec.host': 'spec.nodeName' },
  },
  events: {
    extra: (e: Event) => ({
      'involvedObject.kind': e.involvedObject?.kind ?? '',
      'involvedObject.namespace': e.involvedObject?.namespace ?? '',
      'involvedObject.name': e.involvedObject?.name ?? '',
      'involvedObject.uid': e.involvedObject?.uid ?? '',
      'involvedObject.apiVersion': e.involvedObject?.apiVersion ?? '',
      'involvedObject.resourceVersion': e.involvedObject?.resourceVersion ?? '',
      'involvedObject.fieldPath': e.involvedObject?.fieldPath ?? '',
      'reason': e.reason ?? '',
      'reportingComponent': e.reportingComponent ?? '',
      'source': e.source?.component || e.reportingComponent || '',
      'type': e.type ?? '',
    }),
  },
  nodes: { noNamespace: true, extra: (n: Node) => ({ 'spec.unschedulable': str(n.spec?.unschedulable) }) },
  namespaces: { noNamespace: true, extra: (n: Namespace) => ({ 'status.phase': n.status?.phase ?? '' }) },
  secrets: { extra: (s: Secret) => ({ type: s.type ?? '' }) },
  replicasets: { extra: (r: ReplicaSet) => ({ 'status.replicas': String(r.status?.replicas ?? 0) }) },
  replicationcontrollers: { extra: (r: ReplicationController) => ({ 'status.replicas': String(r.status?.replicas ?? 0) }) },
  jobs: { extra: (j: Job) => ({ 'status.successful': String(j.status?.succeeded ?? 0) }) },
  certificatesigningrequests: { extra: (c: CertificateSigningRequest) => ({ 'spec.signerName': c.spec?.signerName ?? '' }) },
};

const defaultSpec: FieldSpec = { extra: () => ({}) };
const specFor = (plural: string) => (Object.hasOwn(specs, plural) ? specs[plural] : defaultSpec);

/** The selectable fields of `obj` (a `plural` resource) and their values. */
export function fieldsFor(plural: string, obj: object): Fields {
  const spec = specFor(plural);
  const meta: ObjectMeta = (obj as { metadata?: ObjectMeta }).metadata ?? {};
  const base: Fields = { 'metadata.name': meta.name ?? '' };
  if (!spec.noNamespace) base['metadata.namespace'] = meta.namespace ?? '';
  return { ...base, ...spec.extra(obj) };
}

/** Field names a selector on `plural` may use (aliases included). */
export function supportedFields(plural: string): string[] {
  const spec = specFor(plural);
  const names = Object.keys(fieldsFor(plural, {}));
  return [...names, ...Object.keys(spec.aliases ?? {})];
}

/**
 * Checks every term against the resource's supported fields and rewrites aliases
 * (spec.host → spec.nodeName). Throws 400 "field label not supported: <field>".
 */
export function validateFieldSelector(plural: string, selector: FieldSelector): FieldSelector {
  const spec = specFor(plural);
  const known = new Set(Object.keys(fieldsFor(plural, {})));
  const terms: FieldRequirement[] = selector.terms.map((t) => {
    const alias = spec.aliases && Object.hasOwn(spec.aliases, t.field) ? spec.aliases[t.field] : undefined;
    if (alias) return { ...t, field: alias };
    if (!known.has(t.field)) throw badRequest(`field label not supported: ${t.field}`);
    return t;
  });
  return { terms };
}
