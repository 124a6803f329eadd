import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RESOURCES, groupVersion } from '../resources.ts';
import { childSchema, schemaFor, type FieldSchema } from './schema.ts';

/** Walks a dotted path; `[]` steps into a list's elements. */
function at(apiVersion: string, kind: string, path: string): FieldSchema | undefined {
  let s = schemaFor(apiVersion, kind);
  for (const step of path.split('.')) s = step === '[]' ? s?.elem : childSchema(s, step);
  return s;
}

// Facts from the patchStrategy/patchMergeKey and listType/listMapKey tags in k8s.io/api.
const cases: { name: string; input: [string, string, string]; want: Partial<FieldSchema> }[] = [
  { name: 'ownerReferences by uid', input: ['v1', 'Pod', 'metadata.ownerReferences'], want: { list: 'map', mergeKey: 'uid' } },
  { name: 'finalizers a set', input: ['v1', 'Pod', 'metadata.finalizers'], want: { list: 'set' } },
  { name: 'managedFields atomic', input: ['v1', 'Pod', 'metadata.managedFields'], want: { list: 'atomic' } },
  { name: 'containers by name', input: ['v1', 'Pod', 'spec.containers'], want: { list: 'map', mergeKey: 'name' } },
  { name: 'initContainers by name', input: ['v1', 'Pod', 'spec.initContainers'], want: { list: 'map', mergeKey: 'name' } },
  { name: 'ephemeralContainers by name', input: ['v1', 'Pod', 'spec.ephemeralContainers'], want: { list: 'map', mergeKey: 'name' } },
  { name: 'imagePullSecrets by name', input: ['v1', 'Pod', 'spec.imagePullSecrets'], want: { list: 'map', mergeKey: 'name' } },
  { name: 'volumes by name with retainKeys', input: ['v1', 'Pod', 'spec.volumes'], want: { list: 'map', mergeKey: 'name', retainKeys: true } },
  { name: 'hostAliases by ip', input: ['v1', 'Pod', 'spec.hostAliases'], want: { list: 'map', mergeKey: 'ip' } },
  { name: 'topologySpreadConstraints', input: ['v1', 'Pod', 'spec.topologySpreadConstraints'], want: { list: 'map', mergeKey: 'topologyKey', mapKeys: ['topologyKey', 'whenUnsatisfiable'] } },
  { name: 'tolerations atomic', input: ['v1', 'Pod', 'spec.tolerations'], want: { list: 'atomic' } },
  { name: 'schedulingGates by name', input: ['v1', 'Pod', 'spec.schedulingGates'], want: { list: 'map', mergeKey: 'name' } },
  { name: 'resourceClaims by name with retainKeys', input: ['v1', 'Pod', 'spec.resourceClaims'], want: { list: 'map', mergeKey: 'name', retainKeys: true } },
  { name: 'container ports', input: ['v1', 'Pod', 'spec.containers.[].ports'], want: { list: 'map', mergeKey: 'containerPort', mapKeys: ['containerPort', 'protocol'] } },
  { name: 'container env by name', input: ['v1', 'Pod', 'spec.containers.[].env'], want: { list: 'map', mergeKey: 'name' } },
  { name: 'container volumeMounts by mountPath', input: ['v1', 'Pod', 'spec.initContainers.[].volumeMounts'], want: { list: 'map', mergeKey: 'mountPath' } },
  { name: 'container volumeDevices by devicePath', input: ['v1', 'Pod', 'spec.ephemeralContainers.[].volumeDevices'], want: { list: 'map', mergeKey: 'devicePath' } },
  { name: 'container args atomic', input: ['v1', 'Pod', 'spec.containers.[].args'], want: { list: 'atomic' } },
  { name: 'container command atomic', input: ['v1', 'Pod', 'spec.containers.[].command'], want: { list: 'atomic' } },
  { name: 'resources.claims: SMP atomic, SSA map', input: ['v1', 'Pod', 'spec.containers.[].resources.claims'], want: { list: 'atomic', ssaList: 'map', mapKeys: ['name'] } },
  { name: 'pod conditions by type', input: ['v1', 'Pod', 'status.conditions'], want: { list: 'map', mergeKey: 'type' } },
  { name: 'podIPs by ip', input: ['v1', 'Pod', 'status.podIPs'], want: { list: 'map', mergeKey: 'ip' } },
  { name: 'hostIPs: SMP by ip, SSA atomic', input: ['v1', 'Pod', 'status.hostIPs'], want: { list: 'map', mergeKey: 'ip', ssaList: 'atomic' } },
  { name: 'containerStatuses atomic', input: ['v1', 'Pod', 'status.containerStatuses'], want: { list: 'atomic' } },
  { name: 'initContainerStatuses atomic', input: ['v1', 'Pod', 'status.initContainerStatuses'], want: { list: 'atomic' } },
  { name: 'deployment strategy retainKeys', input: ['apps/v1', 'Deployment', 'spec.strategy'], want: { retainKeys: true } },
  { name: 'deployment template containers', input: ['apps/v1', 'Deployment', 'spec.template.spec.containers'], want: { list: 'map', mergeKey: 'name' } },
  { name: 'deployment template labels are a map', input: ['apps/v1', 'Deployment', 'spec.template.metadata.labels'], want: { elem: {} } },
  { name: 'deployment selector atomic for SSA', input: ['apps/v1', 'Deployment', 'spec.selector'], want: { atomic: true } },
  { name: 'deployment conditions by type', input: ['apps/v1', 'Deployment', 'status.conditions'], want: { list: 'map', mergeKey: 'type' } },
  { name: 'replicaset conditions by type', input: ['apps/v1', 'ReplicaSet', 'status.conditions'], want: { list: 'map', mergeKey: 'type' } },
  { name: 'replicaset template volumes', input: ['apps/v1', 'ReplicaSet', 'spec.template.spec.volumes'], want: { list: 'map', mergeKey: 'name', retainKeys: true } },
  { name: 'node taints atomic', input: ['v1', 'Node', 'spec.taints'], want: { list: 'atomic' } },
  { name: 'node podCIDRs a set', input: ['v1', 'Node', 'spec.podCIDRs'], want: { list: 'set' } },
  { name: 'node conditions by type', input: ['v1', 'Node', 'status.conditions'], want: { list: 'map', mergeKey: 'type' } },
  { name: 'node addresses by type', input: ['v1', 'Node', 'status.addresses'], want: { list: 'map', mergeKey: 'type' } },
  { name: 'node images atomic', input: ['v1', 'Node', 'status.images'], want: { list: 'atomic' } },
  { name: 'namespace finalizers atomic', input: ['v1', 'Namespace', 'spec.finalizers'], want: { list: 'atomic' } },
  { name: 'namespace conditions by type', input: ['v1', 'Namespace', 'status.conditions'], want: { list: 'map', mergeKey: 'type' } },
  { name: 'configmap data a map', input: ['v1', 'ConfigMap', 'data'], want: { elem: {} } },
  { name: 'secret stringData a map', input: ['v1', 'Secret', 'stringData'], want: { elem: {} } },
  { name: 'event involvedObject atomic', input: ['v1', 'Event', 'involvedObject'], want: { atomic: true } },
  { name: 'lease metadata', input: ['coordination.k8s.io/v1', 'Lease', 'metadata.finalizers'], want: { list: 'set' } },
  { name: 'scale metadata', input: ['autoscaling/v1', 'Scale', 'metadata.labels'], want: { elem: {} } },
];

for (const c of cases) {
  test(`schema: ${c.name}`, () => {
    const s = at(...c.input);
    assert.ok(s, `${c.input.join(' ')} has a schema`);
    for (const [k, v] of Object.entries(c.want)) assert.deepEqual(s[k as keyof FieldSchema], v, k);
  });
}

test('schema: every served kind has one; unknown kinds do not', () => {
  for (const r of RESOURCES) assert.ok(schemaFor(groupVersion(r), r.kind), r.kind);
  assert.equal(schemaFor('example.com/v1', 'Widget'), undefined);
  assert.equal(schemaFor('v1', 'Deployment'), undefined);
});
