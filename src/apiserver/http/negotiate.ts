/**
 * Content negotiation on Accept (k8s.io/apiserver/pkg/endpoints/handlers/negotiation):
 * JSON objects, `as=Table` for kubectl get, `as=PartialObjectMetadata[List]` for metadata
 * clients, YAML on request. We never answer protobuf; clients that also accept JSON get it,
 * and one that accepts only protobuf gets 406.
 */
import { notAcceptable } from '../../api/errors.ts';

export type Output = 'json' | 'yaml' | 'table' | 'metadata';

interface MediaType { type: string; params: Record<string, string> }

export function parseAccept(accept: string | undefined): MediaType[] {
  if (!accept) return [{ type: '*/*', params: {} }];
  return accept.split(',').map((s) => {
    const [type, ...ps] = s.split(';').map((x) => x.trim());
    const params: Record<string, string> = {};
    for (const p of ps) { const [k, v = ''] = p.split('='); params[k.trim().toLowerCase()] = v.trim(); }
    return { type: type.toLowerCase(), params };
  }).filter((m) => m.type);
}

/** Picks the first acceptable representation in the client's order. */
export function negotiate(accept: string | undefined, allowTable: boolean): Output {
  for (const m of parseAccept(accept)) {
    const as = m.params.as;
    if (m.type === 'application/json' || m.type === 'application/*' || m.type === '*/*') {
      if (!as) return 'json';
      if (as === 'Table' && allowTable && m.params.g === 'meta.k8s.io' && (m.params.v === 'v1' || m.params.v === 'v1beta1')) return 'table';
      if ((as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') && m.params.g === 'meta.k8s.io') return 'metadata';
      continue;
    }
    if ((m.type === 'application/yaml' || m.type === 'text/yaml') && !as) return 'yaml';
  }
  throw notAcceptable(`only the following media types are accepted: application/json, application/yaml, application/json;as=Table;v=v1;g=meta.k8s.io`);
}
