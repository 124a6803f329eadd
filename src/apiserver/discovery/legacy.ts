/**
 * Legacy discovery: /api, /apis, /api/v1, /apis/<group>/<version> (APIVersions,
 * APIGroupList, APIResourceList), which every kubectl reads (kubectl-contract §1.2).
 */
import { createHash } from 'node:crypto';
import { apiGroups, groupVersion, RESOURCES, type ResourceInfo } from '../../api/resources.ts';

/** A stable hash of the stored form, as storageVersionHash is (8 bytes, base64). */
const storageVersionHash = (i: ResourceInfo) =>
  createHash('sha256').update(`${i.group}/${i.version}/${i.kind}`).digest().subarray(0, 8).toString('base64');

export function apiVersions(serverAddress: string) {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

export function apiGroupList() {
  return {
    kind: 'APIGroupList', apiVersion: 'v1',
    groups: apiGroups().map(apiGroup),
  };
}

export function apiGroup(g: { group: string; versions: string[] }) {
  const versions = g.versions.map((v) => ({ groupVersion: `${g.group}/${v}`, version: v }));
  return { name: g.group, versions, preferredVersion: versions[0] };
}

export function apiResourceList(group: string, version: string) {
  const resources = RESOURCES.filter((i) => i.group === group && i.version === version);
  if (!resources.length) return undefined;
  const out: Record<string, unknown>[] = [];
  for (const i of resources) {
    out.push({
      name: i.plural, singularName: i.singular, namespaced: i.namespaced, kind: i.kind, verbs: i.verbs,
      ...(i.shortNames ? { shortNames: i.shortNames } : {}),
      ...(i.categories ? { categories: i.categories } : {}),
      storageVersionHash: storageVersionHash(i),
    });
    for (const s of i.subresources) {
      out.push({
        name: `${i.plural}/${s.name}`, singularName: '', namespaced: i.namespaced,
        ...(s.group !== undefined ? { group: s.group, version: s.version } : {}),
        kind: s.kind, verbs: s.verbs,
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersion({ group, version }), resources: out };
}
