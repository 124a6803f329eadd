/**
 * The resources k8ts serves: the facts discovery publishes and every layer routes by.
 * Names, short names, categories and verbs follow what a real v1.33 apiserver advertises.
 */
export interface SubresourceInfo {
  name: string;
  /** Kind of the subresource's body when it is not the parent's (Scale, Binding, Eviction …). */
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

export interface ResourceInfo {
  group: string;          // '' for the core group
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: string[];
  subresources: SubresourceInfo[];
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const NO_DELETECOLLECTION = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const STATUS: SubresourceInfo = { name: 'status', kind: '', verbs: ['get', 'patch', 'update'] };

function r(i: Omit<ResourceInfo, 'listKind' | 'singular' | 'subresources' | 'verbs'> &
  Partial<Pick<ResourceInfo, 'subresources' | 'verbs'>>): ResourceInfo {
  return {
    ...i,
    listKind: `${i.kind}List`,
    singular: i.kind.toLowerCase(),
    verbs: i.verbs ?? ALL_VERBS,
    subresources: (i.subresources ?? []).map((s) => ({ ...s, kind: s.kind || i.kind })),
  };
}

export const RESOURCES: ResourceInfo[] = [
  r({ group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false, shortNames: ['ns'],
    verbs: NO_DELETECOLLECTION, subresources: [{ name: 'finalize', kind: '', verbs: ['update'] }, STATUS] }),
  r({ group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true, shortNames: ['po'], categories: ['all'],
    subresources: [
      { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
      { name: 'binding', kind: 'Binding', verbs: ['create'] },
      { name: 'ephemeralcontainers', kind: '', verbs: ['get', 'patch', 'update'] },
      { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
      { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
      { name: 'log', kind: 'Pod', verbs: ['get'] },
      { name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
      { name: 'proxy', kind: 'PodProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
      STATUS,
    ] }),
  r({ group: '', version: 'v1', kind: 'Node', plural: 'nodes', namespaced: false, shortNames: ['no'],
    subresources: [{ name: 'proxy', kind: 'NodeProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] }, STATUS] }),
  r({ group: '', version: 'v1', kind: 'Event', plural: 'events', namespaced: true, shortNames: ['ev'] }),
  r({ group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, shortNames: ['cm'] }),
  r({ group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true }),
  r({ group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, shortNames: ['deploy'],
    categories: ['all'], subresources: [{ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] }, STATUS] }),
  r({ group: 'apps', version: 'v1', kind: 'ReplicaSet', plural: 'replicasets', namespaced: true, shortNames: ['rs'],
    categories: ['all'], subresources: [{ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] }, STATUS] }),
  r({ group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', namespaced: true }),
];

export const groupVersion = (i: { group: string; version: string }) => (i.group ? `${i.group}/${i.version}` : i.version);

const byGVR = new Map(RESOURCES.map((i) => [`${i.group}/${i.version}/${i.plural}`, i]));
const byGVK = new Map(RESOURCES.map((i) => [`${groupVersion(i)}/${i.kind}`, i]));

export const resourceFor = (group: string, version: string, plural: string) => byGVR.get(`${group}/${version}/${plural}`);
/** Looks up by `apiVersion` ("v1", "apps/v1") and kind. */
export const resourceForKind = (apiVersion: string, kind: string) => byGVK.get(`${apiVersion}/${kind}`);

/** Groups in the order discovery lists them (the core group is served under /api). */
export function apiGroups(): { group: string; versions: string[] }[] {
  const out = new Map<string, string[]>();
  for (const i of RESOURCES) if (i.group) {
    const vs = out.get(i.group) ?? [];
    if (!vs.includes(i.version)) vs.push(i.version);
    out.set(i.group, vs);
  }
  return [...out].map(([group, versions]) => ({ group, versions }));
}
