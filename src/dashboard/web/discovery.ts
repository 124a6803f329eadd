/**
 * Which REST path serves a manifest's kind, from the API's discovery documents
 * (/api/v1 and /apis/<group>/<version>), fetched once per group-version, as kubectl's RESTMapper does.
 */
import type { APIResourceList } from 'kubernetes-types/meta/v1.d.ts';
import { request } from './api.ts';

const lists = new Map<string, Promise<APIResourceList>>();

export interface Target { collection: string; plural: string; namespaced: boolean }

export async function resolveKind(apiVersion: string, kind: string): Promise<Target> {
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  let p = lists.get(base);
  if (!p) lists.set(base, (p = request<APIResourceList>('GET', base)));
  let list: APIResourceList;
  try { list = await p; } catch (e) { lists.delete(base); throw e; }
  const r = list.resources.find((x) => x.kind === kind && !x.name.includes('/'));
  if (!r) throw new Error(`the server has no resource of kind "${kind}" in ${apiVersion}`);
  return { collection: base, plural: r.name, namespaced: r.namespaced };
}

/** The collection path of `plural` in `namespace` (when namespaced). */
export const collectionPath = (t: Target, namespace: string) =>
  t.namespaced ? `${t.collection}/namespaces/${encodeURIComponent(namespace)}/${t.plural}` : `${t.collection}/${t.plural}`;
