/**
 * k8s.io/api/apps/v1 (Deployment, ReplicaSet), autoscaling/v1 (Scale), policy/v1 (Eviction)
 * and coordination/v1 (Lease). Field numbers: staging/src/k8s.io/api/<group>/<version>/generated.proto.
 */
import type { SchemaTable } from './types.ts';

export const APPS_AND_FRIENDS: SchemaTable = {
  Deployment: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'DeploymentSpec'], 3: ['status', 'DeploymentStatus'] },
  DeploymentSpec: {
    1: ['replicas', 'int32', 'keep'], 2: ['selector', 'LabelSelector'], 3: ['template', 'PodTemplateSpec'],
    4: ['strategy', 'DeploymentStrategy'], 5: ['minReadySeconds', 'int32'], 6: ['revisionHistoryLimit', 'int32', 'keep'],
    7: ['paused', 'bool'], 9: ['progressDeadlineSeconds', 'int32', 'keep'], 10: ['podReplacementPolicy', 'string', 'keep'],
  },
  DeploymentStrategy: { 1: ['type', 'string'], 2: ['rollingUpdate', 'RollingUpdateDeployment'] },
  RollingUpdateDeployment: { 1: ['maxUnavailable', 'IntOrString'], 2: ['maxSurge', 'IntOrString'] },
  DeploymentStatus: {
    1: ['observedGeneration', 'int64'], 2: ['replicas', 'int32'], 3: ['updatedReplicas', 'int32'],
    7: ['readyReplicas', 'int32'], 4: ['availableReplicas', 'int32'], 5: ['unavailableReplicas', 'int32'],
    9: ['terminatingReplicas', 'int32', 'keep'], 6: ['conditions', 'DeploymentCondition', 'repeated'],
    8: ['collisionCount', 'int32', 'keep'],
  },
  DeploymentCondition: {
    1: ['type', 'string', 'keep'], 2: ['status', 'string', 'keep'], 6: ['lastUpdateTime', 'Time'],
    7: ['lastTransitionTime', 'Time'], 4: ['reason', 'string'], 5: ['message', 'string'],
  },
  ReplicaSet: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'ReplicaSetSpec'], 3: ['status', 'ReplicaSetStatus'] },
  ReplicaSetSpec: {
    1: ['replicas', 'int32', 'keep'], 4: ['minReadySeconds', 'int32'], 2: ['selector', 'LabelSelector'],
    3: ['template', 'PodTemplateSpec'],
  },
  ReplicaSetStatus: {
    1: ['replicas', 'int32', 'keep'], 2: ['fullyLabeledReplicas', 'int32'], 4: ['readyReplicas', 'int32'],
    5: ['availableReplicas', 'int32'], 7: ['terminatingReplicas', 'int32', 'keep'], 3: ['observedGeneration', 'int64'],
    6: ['conditions', 'ReplicaSetCondition', 'repeated'],
  },
  ReplicaSetCondition: {
    1: ['type', 'string', 'keep'], 2: ['status', 'string', 'keep'], 3: ['lastTransitionTime', 'Time'],
    4: ['reason', 'string'], 5: ['message', 'string'],
  },

  // autoscaling/v1
  Scale: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'ScaleSpec'], 3: ['status', 'ScaleStatus'] },
  ScaleSpec: { 1: ['replicas', 'int32'] },
  ScaleStatus: { 1: ['replicas', 'int32', 'keep'], 2: ['selector', 'string'] },

  // policy/v1
  Eviction: { 1: ['metadata', 'ObjectMeta'], 2: ['deleteOptions', 'DeleteOptions'] },

  // coordination/v1: every LeaseSpec field is a pointer in Go.
  Lease: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'LeaseSpec'] },
  LeaseSpec: {
    1: ['holderIdentity', 'string', 'keep'], 2: ['leaseDurationSeconds', 'int32', 'keep'], 3: ['acquireTime', 'MicroTime'],
    4: ['renewTime', 'MicroTime'], 5: ['leaseTransitions', 'int32', 'keep'], 6: ['strategy', 'string', 'keep'],
    7: ['preferredHolder', 'string', 'keep'],
  },
};
