/**
 * Aggregated discovery (apidiscovery.k8s.io v2 and v2beta1, the same JSON): one request
 * for all groups. The response Content-Type must name the version chosen, or clients read
 * it as legacy discovery (kubectl-contract §1.3). 1.27–1.29 accept only v2beta1.
 */
import { apiGroups, RESOURCES, type ResourceInfo } from '../../api/resources.ts';
import { parseAccept } from '../http/negotiate.ts';

export function aggregatedVersion(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  for (const m of parseAccept(accept)) {
    if (m.type !== 'application/json' || m.params.as !== 'APIGroupDiscoveryList' || m.params.g !== 'apidiscovery.k8s.io') continue;
    if (m.params.v === 'v2' || m.params.v === 'v2beta1') return m.params.v;
  }
  return undefined;
}

export const aggregatedContentType = (v: string) => `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`;

function resourceEntry(i: ResourceInfo) {
  return {
    resource: i.plural,
    responseKind: { group: i.group, version: i.version, kind: i.kind },
    scope: i.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: i.singular,
    verbs: i.verbs,
    ...(i.shortNames ? { shortNames: i.shortNames } : {}),
    ...(i.categories ? { categories: i.categories } : {}),
    ...(i.subresources.length ? {
      subresources: i.subresources.map((s) => ({
        subresource: s.name,
        responseKind: { group: s.group ?? i.group, version: s.version ?? i.version, kind: s.kind },
        verbs: s.verbs,
      })),
    } : {}),
  };
}

function groupEntry(group: string, versions: string[]) {
  return {
    metadata: { name: group, creationTimestamp: null },
    versions: versions.map((v) => ({
      version: v,
      resources: RESOURCES.filter((i) => i.group === group && i.version === v).map(resourceEntry),
      freshness: 'Current',
    })),
  };
}

/** `core`: the document for /api (the legacy group only); otherwise for /apis. */
export function aggregatedDiscovery(version: 'v2' | 'v2beta1', core: boolean) {
  const items = core ? [groupEntry('', ['v1'])] : apiGroups().map((g) => groupEntry(g.group, g.versions));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}
