/**
 * k8s.io/api/core/v1: Namespace, Node, Event, ConfigMap, Secret, Binding and ObjectReference.
 * Field numbers: staging/src/k8s.io/api/core/v1/generated.proto.
 */
import type { SchemaTable } from './types.ts';

export const CORE_OBJECTS: SchemaTable = {
  Namespace: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'NamespaceSpec'], 3: ['status', 'NamespaceStatus'] },
  NamespaceSpec: { 1: ['finalizers', 'string', 'repeated'] },
  NamespaceStatus: { 1: ['phase', 'string'], 2: ['conditions', 'NamespaceCondition', 'repeated'] },
  NamespaceCondition: {
    1: ['type', 'string', 'keep'], 2: ['status', 'string', 'keep'], 4: ['lastTransitionTime', 'Time'],
    5: ['reason', 'string'], 6: ['message', 'string'],
  },

  ConfigMap: {
    1: ['metadata', 'ObjectMeta'], 4: ['immutable', 'bool', 'keep'], 2: ['data', 'map<string,string>'],
    3: ['binaryData', 'map<string,bytes>'],
  },
  Secret: {
    1: ['metadata', 'ObjectMeta'], 5: ['immutable', 'bool', 'keep'], 2: ['data', 'map<string,bytes>'],
    4: ['stringData', 'map<string,string>'], 3: ['type', 'string'],
  },

  Binding: { 1: ['metadata', 'ObjectMeta'], 2: ['target', 'ObjectReference'] },
  ObjectReference: {
    1: ['kind', 'string'], 2: ['namespace', 'string'], 3: ['name', 'string'], 4: ['uid', 'string'],
    5: ['apiVersion', 'string'], 6: ['resourceVersion', 'string'], 7: ['fieldPath', 'string'],
  },

  Event: {
    1: ['metadata', 'ObjectMeta'], 2: ['involvedObject', 'ObjectReference'], 3: ['reason', 'string'], 4: ['message', 'string'],
    5: ['source', 'EventSource'], 6: ['firstTimestamp', 'Time'], 7: ['lastTimestamp', 'Time'], 8: ['count', 'int32'],
    9: ['type', 'string'], 10: ['eventTime', 'MicroTime'], 11: ['series', 'EventSeries'], 12: ['action', 'string'],
    13: ['related', 'ObjectReference'], 14: ['reportingComponent', 'string', 'keep'], 15: ['reportingInstance', 'string', 'keep'],
  },
  EventSource: { 1: ['component', 'string'], 2: ['host', 'string'] },
  EventSeries: { 1: ['count', 'int32'], 2: ['lastObservedTime', 'MicroTime'] },

  Node: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'NodeSpec'], 3: ['status', 'NodeStatus'] },
  NodeSpec: {
    1: ['podCIDR', 'string'], 7: ['podCIDRs', 'string', 'repeated'], 3: ['providerID', 'string'], 4: ['unschedulable', 'bool'],
    5: ['taints', 'Taint', 'repeated'], 2: ['externalID', 'string'],
  },
  Taint: { 1: ['key', 'string', 'keep'], 2: ['value', 'string'], 3: ['effect', 'string', 'keep'], 4: ['timeAdded', 'Time'] },
  NodeStatus: {
    1: ['capacity', 'map<string,Quantity>'], 2: ['allocatable', 'map<string,Quantity>'], 3: ['phase', 'string'],
    4: ['conditions', 'NodeCondition', 'repeated'], 5: ['addresses', 'NodeAddress', 'repeated'],
    6: ['daemonEndpoints', 'NodeDaemonEndpoints'], 7: ['nodeInfo', 'NodeSystemInfo'], 8: ['images', 'ContainerImage', 'repeated'],
    9: ['volumesInUse', 'string', 'repeated'], 10: ['volumesAttached', 'AttachedVolume', 'repeated'],
    12: ['runtimeHandlers', 'NodeRuntimeHandler', 'repeated'], 13: ['features', 'NodeFeatures'],
    14: ['declaredFeatures', 'string', 'repeated'],
  },
  NodeCondition: {
    1: ['type', 'string', 'keep'], 2: ['status', 'string', 'keep'], 3: ['lastHeartbeatTime', 'Time'],
    4: ['lastTransitionTime', 'Time'], 5: ['reason', 'string'], 6: ['message', 'string'],
  },
  NodeAddress: { 1: ['type', 'string', 'keep'], 2: ['address', 'string', 'keep'] },
  NodeDaemonEndpoints: { 1: ['kubeletEndpoint', 'DaemonEndpoint'] },
  DaemonEndpoint: { 1: ['Port', 'int32', 'keep'] },
  NodeSystemInfo: {
    1: ['machineID', 'string', 'keep'], 2: ['systemUUID', 'string', 'keep'], 3: ['bootID', 'string', 'keep'],
    4: ['kernelVersion', 'string', 'keep'], 5: ['osImage', 'string', 'keep'], 6: ['containerRuntimeVersion', 'string', 'keep'],
    7: ['kubeletVersion', 'string', 'keep'], 8: ['kubeProxyVersion', 'string', 'keep'], 9: ['operatingSystem', 'string', 'keep'],
    10: ['architecture', 'string', 'keep'], 11: ['swap', 'NodeSwapStatus'],
  },
  NodeSwapStatus: { 1: ['capacity', 'int64', 'keep'] },
  ContainerImage: { 1: ['names', 'string', 'repeated'], 2: ['sizeBytes', 'int64'] },
  AttachedVolume: { 1: ['name', 'string', 'keep'], 2: ['devicePath', 'string', 'keep'] },
  NodeRuntimeHandler: { 1: ['name', 'string', 'keep'], 2: ['features', 'NodeRuntimeHandlerFeatures'] },
  NodeRuntimeHandlerFeatures: { 1: ['recursiveReadOnlyMounts', 'bool', 'keep'], 2: ['userNamespaces', 'bool', 'keep'] },
  NodeFeatures: { 1: ['supplementalGroupsPolicy', 'bool', 'keep'], 2: ['containerUlimits', 'bool', 'keep'] },
};
