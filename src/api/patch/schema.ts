/**
 * Patch schema: which lists of which kinds merge by key, which are sets, which are atomic,
 * and which maps use `retainKeys`. Strategic merge patch and server-side apply both read it.
 *
 * Facts from the `patchStrategy`/`patchMergeKey` and `listType`/`listMapKey` tags in
 * k8s.io/api (core/v1, apps/v1, coordination/v1, autoscaling/v1, meta/v1 types.go), e.g.
 * https://github.com/kubernetes/api/blob/v0.33.0/core/v1/types.go
 *
 * Rules of thumb for readers:
 * - `list` is the SMP strategy; a list absent from the schema (or `list: 'atomic'`) is replaced whole.
 * - `ssaList` is set only where SSA's listType differs from the SMP strategy (hostIPs, resources.claims).
 * - Maps always merge in SMP; `atomic` matters to SSA only (SMP ignores structType/mapType).
 */
export interface FieldSchema {
  /** Named fields of a struct (absent for maps of arbitrary keys and for scalars). */
  fields?: Record<string, FieldSchema>;
  /** Value schema of a map with arbitrary keys (labels, data …) or element schema of a list. */
  elem?: FieldSchema;
  /** For lists: 'map' merges elements by `mergeKey`, 'set' is a set of scalars, 'atomic' replaces. */
  list?: 'map' | 'set' | 'atomic';
  /** SMP merge key (patchMergeKey). For list 'map'. */
  mergeKey?: string;
  /** SSA list-map keys (listMapKey), when they differ from the merge key (e.g. ports: containerPort+protocol). */
  mapKeys?: string[];
  /** SSA listType, only where it differs from the SMP strategy in `list` (hostIPs: SMP map by ip, SSA atomic). */
  ssaList?: 'map' | 'set' | 'atomic';
  /** patchStrategy includes retainKeys. */
  retainKeys?: boolean;
  /** A struct that SSA treats as one value (x-kubernetes-map-type: atomic). */
  atomic?: boolean;
}

/** The schema of a kind's whole object, or undefined for kinds we do not know (merge-patch rules apply). */
export type SchemaLookup = (apiVersion: string, kind: string) => FieldSchema | undefined;

// ---- building blocks -------------------------------------------------------------------------

const struct = (fields: Record<string, FieldSchema>, extra: Partial<FieldSchema> = {}): FieldSchema => ({ fields, ...extra });
/** A list merged by `key` (patchStrategy merge + patchMergeKey; listType=map). */
const keyed = (key: string, elem: FieldSchema = {}, extra: Partial<FieldSchema> = {}): FieldSchema =>
  ({ list: 'map', mergeKey: key, elem, ...extra });
const set: FieldSchema = { list: 'set' };
const atomicList = (elem: FieldSchema = {}): FieldSchema => ({ list: 'atomic', elem });
const stringMap: FieldSchema = { elem: {} };
const atomicMap: FieldSchema = { elem: {}, atomic: true };
const atomicStruct: FieldSchema = { atomic: true };
const condition: FieldSchema = {};
const conditionsByType = keyed('type', condition);

// ---- meta/v1 ---------------------------------------------------------------------------------

export const labelSelector: FieldSchema = struct({
  matchLabels: stringMap,
  matchExpressions: atomicList(struct({ values: atomicList() })),
}, { atomic: true });

export const objectMeta: FieldSchema = struct({
  labels: stringMap,
  annotations: stringMap,
  finalizers: set,
  ownerReferences: keyed('uid', atomicStruct),
  managedFields: atomicList(struct({ fieldsV1: atomicStruct })),
});

// ---- core/v1 Container -----------------------------------------------------------------------

const keySelector = atomicStruct; // ConfigMapKeySelector, SecretKeySelector, ObjectFieldSelector … are structType=atomic
const envVar = struct({
  valueFrom: struct({ configMapKeyRef: keySelector, secretKeyRef: keySelector, fieldRef: keySelector, resourceFieldRef: keySelector }),
});
const probe = struct({
  exec: struct({ command: atomicList() }),
  httpGet: struct({ httpHeaders: atomicList() }),
});
const lifecycleHandler = probe;
const securityContext = struct({
  capabilities: struct({ add: atomicList(), drop: atomicList() }),
});

export const container: FieldSchema = struct({
  command: atomicList(),
  args: atomicList(),
  // SMP merges by containerPort; SSA keys the list by containerPort+protocol.
  ports: keyed('containerPort', {}, { mapKeys: ['containerPort', 'protocol'] }),
  envFrom: atomicList(),
  env: keyed('name', envVar),
  resources: struct({
    limits: stringMap,
    requests: stringMap,
    // listType=map listMapKey=name, but no patchStrategy: SMP replaces it.
    claims: { list: 'atomic', ssaList: 'map', mapKeys: ['name'], elem: {} },
  }),
  resizePolicy: atomicList(),
  restartPolicyRules: atomicList(),
  volumeMounts: keyed('mountPath'),
  volumeDevices: keyed('devicePath'),
  livenessProbe: probe,
  readinessProbe: probe,
  startupProbe: probe,
  lifecycle: struct({ postStart: lifecycleHandler, preStop: lifecycleHandler }),
  securityContext,
});

// ---- core/v1 PodSpec -------------------------------------------------------------------------

const keyToPaths = atomicList();
const volume = struct({
  secret: struct({ items: keyToPaths }),
  configMap: struct({ items: keyToPaths }),
  projected: struct({ sources: atomicList() }),
  downwardAPI: struct({ items: atomicList() }),
});

const affinity = struct({
  nodeAffinity: struct({
    requiredDuringSchedulingIgnoredDuringExecution: struct({ nodeSelectorTerms: atomicList() }, { atomic: true }),
    preferredDuringSchedulingIgnoredDuringExecution: atomicList(),
  }),
  podAffinity: struct({
    requiredDuringSchedulingIgnoredDuringExecution: atomicList(),
    preferredDuringSchedulingIgnoredDuringExecution: atomicList(),
  }),
  podAntiAffinity: struct({
    requiredDuringSchedulingIgnoredDuringExecution: atomicList(),
    preferredDuringSchedulingIgnoredDuringExecution: atomicList(),
  }),
});

export const podSpec: FieldSchema = struct({
  volumes: keyed('name', volume, { retainKeys: true }),
  initContainers: keyed('name', container),
  containers: keyed('name', container),
  ephemeralContainers: keyed('name', container),
  nodeSelector: atomicMap,
  securityContext: struct({ supplementalGroups: atomicList(), sysctls: atomicList() }),
  imagePullSecrets: keyed('name', atomicStruct),
  affinity,
  tolerations: atomicList(),
  hostAliases: keyed('ip', struct({ hostnames: atomicList() })),
  dnsConfig: struct({ nameservers: atomicList(), searches: atomicList(), options: atomicList() }),
  readinessGates: atomicList(),
  overhead: stringMap,
  // SMP merges by topologyKey; SSA keys by topologyKey+whenUnsatisfiable.
  topologySpreadConstraints: keyed('topologyKey', struct({ labelSelector, matchLabelKeys: atomicList() }),
    { mapKeys: ['topologyKey', 'whenUnsatisfiable'] }),
  schedulingGates: keyed('name'),
  resourceClaims: keyed('name', {}, { retainKeys: true }),
  resources: struct({ limits: stringMap, requests: stringMap }),
});

export const podTemplateSpec: FieldSchema = struct({ metadata: objectMeta, spec: podSpec });

export const podStatus: FieldSchema = struct({
  conditions: conditionsByType,
  // SMP merges hostIPs by ip, but SSA treats the list as atomic.
  hostIPs: keyed('ip', {}, { ssaList: 'atomic' }),
  podIPs: keyed('ip'),
  initContainerStatuses: atomicList(),
  containerStatuses: atomicList(),
  ephemeralContainerStatuses: atomicList(),
  resourceClaimStatuses: keyed('name', {}, { retainKeys: true }),
  allocatedResources: stringMap,
});

// ---- kinds -----------------------------------------------------------------------------------

const kind = (spec?: FieldSchema, status?: FieldSchema, more: Record<string, FieldSchema> = {}): FieldSchema =>
  struct({ metadata: objectMeta, ...(spec ? { spec } : {}), ...(status ? { status } : {}), ...more });

export const pod = kind(podSpec, podStatus);

const workloadStatus = struct({ conditions: conditionsByType });
export const deployment = kind(
  struct({
    selector: labelSelector,
    template: podTemplateSpec,
    // patchStrategy=retainKeys: switching type to Recreate clears rollingUpdate.
    strategy: struct({ rollingUpdate: {} }, { retainKeys: true }),
  }),
  workloadStatus,
);
export const replicaSet = kind(struct({ selector: labelSelector, template: podTemplateSpec }), workloadStatus);

export const namespace = kind(struct({ finalizers: atomicList() }), struct({ conditions: conditionsByType }));

export const node = kind(
  struct({ podCIDRs: set, taints: atomicList() }),
  struct({
    capacity: stringMap,
    allocatable: stringMap,
    conditions: conditionsByType,
    // Declared merge-by-type although type is not unique (kubernetes/kubernetes#79391); we follow the tag.
    addresses: keyed('type'),
    images: atomicList(struct({ names: atomicList() })),
    volumesInUse: atomicList(),
    volumesAttached: atomicList(),
    runtimeHandlers: atomicList(),
    declaredFeatures: atomicList(),
  }),
);

const objectReference = atomicStruct; // ObjectReference is structType=atomic
export const event = kind(undefined, undefined, { involvedObject: objectReference, related: objectReference, source: {}, series: {} });
export const configMap = kind(undefined, undefined, { data: stringMap, binaryData: stringMap });
export const secret = kind(undefined, undefined, { data: stringMap, stringData: stringMap });
export const lease = kind(struct({}));
export const scale = kind(struct({}), struct({}));

const BY_KIND: Record<string, FieldSchema> = {
  'v1/Pod': pod,
  'v1/Namespace': namespace,
  'v1/Node': node,
  'v1/Event': event,
  'v1/ConfigMap': configMap,
  'v1/Secret': secret,
  'apps/v1/Deployment': deployment,
  'apps/v1/ReplicaSet': replicaSet,
  'coordination.k8s.io/v1/Lease': lease,
  'autoscaling/v1/Scale': scale,
};

/** Patch schema of a kind by `apiVersion` ("v1", "apps/v1") and kind; undefined when unknown. */
export const schemaFor: SchemaLookup = (apiVersion, kindName) => BY_KIND[`${apiVersion}/${kindName}`];

/** Schema of `key` inside a struct or map schema (undefined when unknown: callers treat it as a plain value). */
export function childSchema(s: FieldSchema | undefined, key: string): FieldSchema | undefined {
  if (!s) return undefined;
  if (s.fields) return s.fields[key];
  return s.elem;
}
