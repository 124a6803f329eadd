/**
 * Objects in the store: JSON without `metadata.resourceVersion`, which is the store's
 * modification revision and is set on every read (as the etcd3 storage layer does in
 * k8s.io/apiserver/pkg/storage/etcd3/store.go).
 */
import type { KObject } from '../../api/meta.ts';
import type { KeyValue } from '../../store/types.ts';

export function encode(obj: KObject): string {
  const meta = obj.metadata;
  if (!meta || meta.resourceVersion === undefined) return JSON.stringify(obj);
  const { resourceVersion: _rv, ...rest } = meta;
  return JSON.stringify({ ...obj, metadata: rest });
}

export function decode(kv: KeyValue): KObject {
  const obj = JSON.parse(kv.value) as KObject;
  (obj.metadata ??= {}).resourceVersion = String(kv.modRevision);
  return obj;
}
