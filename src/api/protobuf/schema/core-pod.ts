/**
 * k8s.io/api/core/v1: Pod, PodSpec, PodTemplateSpec and the pod-level settings (security,
 * DNS, scheduling constraints). Field numbers: staging/src/k8s.io/api/core/v1/generated.proto.
 */
import type { SchemaTable } from './types.ts';

export const CORE_POD: SchemaTable = {
  Pod: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodSpec'], 3: ['status', 'PodStatus'] },
  PodTemplateSpec: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodSpec'] },
  PodSpec: {
    1: ['volumes', 'Volume', 'repeated'], 20: ['initContainers', 'Container', 'repeated'], 2: ['containers', 'Container', 'repeated'],
    34: ['ephemeralContainers', 'EphemeralContainer', 'repeated'], 3: ['restartPolicy', 'string'],
    4: ['terminationGracePeriodSeconds', 'int64', 'keep'], 5: ['activeDeadlineSeconds', 'int64', 'keep'], 6: ['dnsPolicy', 'string'],
    7: ['nodeSelector', 'map<string,string>'], 8: ['serviceAccountName', 'string'], 9: ['serviceAccount', 'string'],
    21: ['automountServiceAccountToken', 'bool', 'keep'], 10: ['nodeName', 'string'], 11: ['hostNetwork', 'bool'],
    12: ['hostPID', 'bool'], 13: ['hostIPC', 'bool'], 27: ['shareProcessNamespace', 'bool', 'keep'],
    14: ['securityContext', 'PodSecurityContext'], 15: ['imagePullSecrets', 'LocalObjectReference', 'repeated'],
    16: ['hostname', 'string'], 17: ['subdomain', 'string'], 18: ['affinity', 'Affinity'], 19: ['schedulerName', 'string'],
    22: ['tolerations', 'Toleration', 'repeated'], 23: ['hostAliases', 'HostAlias', 'repeated'], 24: ['priorityClassName', 'string'],
    25: ['priority', 'int32', 'keep'], 26: ['dnsConfig', 'PodDNSConfig'], 28: ['readinessGates', 'PodReadinessGate', 'repeated'],
    29: ['runtimeClassName', 'string', 'keep'], 30: ['enableServiceLinks', 'bool', 'keep'], 31: ['preemptionPolicy', 'string', 'keep'],
    32: ['overhead', 'map<string,Quantity>'], 33: ['topologySpreadConstraints', 'TopologySpreadConstraint', 'repeated'],
    35: ['setHostnameAsFQDN', 'bool', 'keep'], 36: ['os', 'PodOS'], 37: ['hostUsers', 'bool', 'keep'],
    38: ['schedulingGates', 'PodSchedulingGate', 'repeated'], 39: ['resourceClaims', 'PodResourceClaim', 'repeated'],
    40: ['resources', 'ResourceRequirements'], 41: ['hostnameOverride', 'string', 'keep'], 42: ['workloadRef', 'WorkloadReference'],
  },
  // Every PodSecurityContext scalar except supplementalGroups is a pointer in Go.
  PodSecurityContext: {
    1: ['seLinuxOptions', 'SELinuxOptions'], 8: ['windowsOptions', 'WindowsSecurityContextOptions'],
    2: ['runAsUser', 'int64', 'keep'], 6: ['runAsGroup', 'int64', 'keep'], 3: ['runAsNonRoot', 'bool', 'keep'],
    4: ['supplementalGroups', 'int64', 'repeated'], 12: ['supplementalGroupsPolicy', 'string', 'keep'],
    5: ['fsGroup', 'int64', 'keep'], 7: ['sysctls', 'Sysctl', 'repeated'], 9: ['fsGroupChangePolicy', 'string', 'keep'],
    10: ['seccompProfile', 'SeccompProfile'], 11: ['appArmorProfile', 'AppArmorProfile'], 13: ['seLinuxChangePolicy', 'string', 'keep'],
  },
  Sysctl: { 1: ['name', 'string', 'keep'], 2: ['value', 'string', 'keep'] },
  PodDNSConfig: {
    1: ['nameservers', 'string', 'repeated'], 2: ['searches', 'string', 'repeated'], 3: ['options', 'PodDNSConfigOption', 'repeated'],
  },
  PodDNSConfigOption: { 1: ['name', 'string'], 2: ['value', 'string', 'keep'] },
  HostAlias: { 1: ['ip', 'string', 'keep'], 2: ['hostnames', 'string', 'repeated'] },
  PodReadinessGate: { 1: ['conditionType', 'string', 'keep'] },
  PodOS: { 1: ['name', 'string', 'keep'] },
  PodSchedulingGate: { 1: ['name', 'string', 'keep'] },
  PodResourceClaim: {
    1: ['name', 'string', 'keep'], 3: ['resourceClaimName', 'string', 'keep'], 4: ['resourceClaimTemplateName', 'string', 'keep'],
  },
  WorkloadReference: { 1: ['name', 'string', 'keep'], 2: ['podGroup', 'string', 'keep'], 3: ['podGroupReplicaKey', 'string'] },

  // Scheduling constraints.
  Affinity: { 1: ['nodeAffinity', 'NodeAffinity'], 2: ['podAffinity', 'PodAffinity'], 3: ['podAntiAffinity', 'PodAntiAffinity'] },
  NodeAffinity: {
    1: ['requiredDuringSchedulingIgnoredDuringExecution', 'NodeSelector'],
    2: ['preferredDuringSchedulingIgnoredDuringExecution', 'PreferredSchedulingTerm', 'repeated'],
  },
  NodeSelector: { 1: ['nodeSelectorTerms', 'NodeSelectorTerm', 'repeated'] },
  NodeSelectorTerm: {
    1: ['matchExpressions', 'NodeSelectorRequirement', 'repeated'], 2: ['matchFields', 'NodeSelectorRequirement', 'repeated'],
  },
  NodeSelectorRequirement: { 1: ['key', 'string', 'keep'], 2: ['operator', 'string', 'keep'], 3: ['values', 'string', 'repeated'] },
  PreferredSchedulingTerm: { 1: ['weight', 'int32', 'keep'], 2: ['preference', 'NodeSelectorTerm'] },
  PodAffinity: {
    1: ['requiredDuringSchedulingIgnoredDuringExecution', 'PodAffinityTerm', 'repeated'],
    2: ['preferredDuringSchedulingIgnoredDuringExecution', 'WeightedPodAffinityTerm', 'repeated'],
  },
  PodAntiAffinity: {
    1: ['requiredDuringSchedulingIgnoredDuringExecution', 'PodAffinityTerm', 'repeated'],
    2: ['preferredDuringSchedulingIgnoredDuringExecution', 'WeightedPodAffinityTerm', 'repeated'],
  },
  PodAffinityTerm: {
    1: ['labelSelector', 'LabelSelector'], 2: ['namespaces', 'string', 'repeated'], 3: ['topologyKey', 'string', 'keep'],
    4: ['namespaceSelector', 'LabelSelector'], 5: ['matchLabelKeys', 'string', 'repeated'], 6: ['mismatchLabelKeys', 'string', 'repeated'],
  },
  WeightedPodAffinityTerm: { 1: ['weight', 'int32', 'keep'], 2: ['podAffinityTerm', 'PodAffinityTerm'] },
  Toleration: {
    1: ['key', 'string'], 2: ['operator', 'string'], 3: ['value', 'string'], 4: ['effect', 'string'],
    5: ['tolerationSeconds', 'int64', 'keep'],
  },
  TopologySpreadConstraint: {
    1: ['maxSkew', 'int32', 'keep'], 2: ['topologyKey', 'string', 'keep'], 3: ['whenUnsatisfiable', 'string', 'keep'],
    4: ['labelSelector', 'LabelSelector'], 5: ['minDomains', 'int32', 'keep'], 6: ['nodeAffinityPolicy', 'string', 'keep'],
    7: ['nodeTaintsPolicy', 'string', 'keep'], 8: ['matchLabelKeys', 'string', 'repeated'],
  },
};
