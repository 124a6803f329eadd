/**
 * k8s.io/api/core/v1: PodStatus and container statuses.
 * Field numbers: staging/src/k8s.io/api/core/v1/generated.proto.
 */
import type { SchemaTable } from './types.ts';

export const CORE_POD_STATUS: SchemaTable = {
  PodStatus: {
    17: ['observedGeneration', 'int64'], 1: ['phase', 'string'], 2: ['conditions', 'PodCondition', 'repeated'],
    3: ['message', 'string'], 4: ['reason', 'string'], 11: ['nominatedNodeName', 'string'], 5: ['hostIP', 'string'],
    16: ['hostIPs', 'HostIP', 'repeated'], 6: ['podIP', 'string'], 12: ['podIPs', 'PodIP', 'repeated'], 7: ['startTime', 'Time'],
    10: ['initContainerStatuses', 'ContainerStatus', 'repeated'], 8: ['containerStatuses', 'ContainerStatus', 'repeated'],
    9: ['qosClass', 'string'], 13: ['ephemeralContainerStatuses', 'ContainerStatus', 'repeated'], 14: ['resize', 'string'],
    15: ['resourceClaimStatuses', 'PodResourceClaimStatus', 'repeated'], 19: ['allocatedResources', 'map<string,Quantity>'],
    20: ['resources', 'ResourceRequirements'],
  },
  PodCondition: {
    1: ['type', 'string', 'keep'], 7: ['observedGeneration', 'int64'], 2: ['status', 'string', 'keep'],
    3: ['lastProbeTime', 'Time'], 4: ['lastTransitionTime', 'Time'], 5: ['reason', 'string'], 6: ['message', 'string'],
  },
  HostIP: { 1: ['ip', 'string', 'keep'] },
  PodIP: { 1: ['ip', 'string', 'keep'] },
  PodResourceClaimStatus: { 1: ['name', 'string', 'keep'], 2: ['resourceClaimName', 'string', 'keep'] },
  ContainerStatus: {
    1: ['name', 'string', 'keep'], 2: ['state', 'ContainerState'], 3: ['lastState', 'ContainerState'], 4: ['ready', 'bool', 'keep'],
    5: ['restartCount', 'int32', 'keep'], 6: ['image', 'string', 'keep'], 7: ['imageID', 'string', 'keep'],
    8: ['containerID', 'string'], 9: ['started', 'bool', 'keep'], 10: ['allocatedResources', 'map<string,Quantity>'],
    11: ['resources', 'ResourceRequirements'], 12: ['volumeMounts', 'VolumeMountStatus', 'repeated'], 13: ['user', 'ContainerUser'],
    14: ['allocatedResourcesStatus', 'ResourceStatus', 'repeated'], 15: ['stopSignal', 'string', 'keep'],
  },
  ContainerState: {
    1: ['waiting', 'ContainerStateWaiting'], 2: ['running', 'ContainerStateRunning'], 3: ['terminated', 'ContainerStateTerminated'],
  },
  ContainerStateWaiting: { 1: ['reason', 'string'], 2: ['message', 'string'] },
  ContainerStateRunning: { 1: ['startedAt', 'Time'] },
  ContainerStateTerminated: {
    1: ['exitCode', 'int32', 'keep'], 2: ['signal', 'int32'], 3: ['reason', 'string'], 4: ['message', 'string'],
    5: ['startedAt', 'Time'], 6: ['finishedAt', 'Time'], 7: ['containerID', 'string'],
  },
  VolumeMountStatus: {
    1: ['name', 'string', 'keep'], 2: ['mountPath', 'string', 'keep'], 3: ['readOnly', 'bool'], 4: ['recursiveReadOnly', 'string', 'keep'],
  },
  ContainerUser: { 1: ['linux', 'LinuxContainerUser'] },
  LinuxContainerUser: { 1: ['uid', 'int64', 'keep'], 2: ['gid', 'int64', 'keep'], 3: ['supplementalGroups', 'int64', 'repeated'] },
  ResourceStatus: { 1: ['name', 'string', 'keep'], 2: ['resources', 'ResourceHealth', 'repeated'] },
  ResourceHealth: { 1: ['resourceID', 'string', 'keep'], 2: ['health', 'string'], 6: ['message', 'string', 'keep'] },
};
