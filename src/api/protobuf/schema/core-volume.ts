/**
 * k8s.io/api/core/v1: Volume and the common volume sources. Sources not listed here
 * (cloud disks, iSCSI, …) are skipped as unknown fields.
 * Field numbers: staging/src/k8s.io/api/core/v1/generated.proto.
 */
import type { SchemaTable } from './types.ts';

export const CORE_VOLUME: SchemaTable = {
  // VolumeSource is embedded inline in Volume.
  Volume: { 1: ['name', 'string', 'keep'], 2: ['volumeSource', 'VolumeSource', 'inline'] },
  VolumeSource: {
    1: ['hostPath', 'HostPathVolumeSource'], 2: ['emptyDir', 'EmptyDirVolumeSource'], 6: ['secret', 'SecretVolumeSource'],
    7: ['nfs', 'NFSVolumeSource'], 10: ['persistentVolumeClaim', 'PersistentVolumeClaimVolumeSource'],
    16: ['downwardAPI', 'DownwardAPIVolumeSource'], 19: ['configMap', 'ConfigMapVolumeSource'],
    26: ['projected', 'ProjectedVolumeSource'], 28: ['csi', 'CSIVolumeSource'], 29: ['ephemeral', 'EphemeralVolumeSource'],
    30: ['image', 'ImageVolumeSource'],
  },
  HostPathVolumeSource: { 1: ['path', 'string', 'keep'], 2: ['type', 'string', 'keep'] },
  EmptyDirVolumeSource: { 1: ['medium', 'string'], 2: ['sizeLimit', 'Quantity'] },
  SecretVolumeSource: {
    1: ['secretName', 'string'], 2: ['items', 'KeyToPath', 'repeated'], 3: ['defaultMode', 'int32', 'keep'],
    4: ['optional', 'bool', 'keep'],
  },
  ConfigMapVolumeSource: {
    1: ['localObjectReference', 'LocalObjectReference', 'inline'], 2: ['items', 'KeyToPath', 'repeated'],
    3: ['defaultMode', 'int32', 'keep'], 4: ['optional', 'bool', 'keep'],
  },
  KeyToPath: { 1: ['key', 'string', 'keep'], 2: ['path', 'string', 'keep'], 3: ['mode', 'int32', 'keep'] },
  NFSVolumeSource: { 1: ['server', 'string', 'keep'], 2: ['path', 'string', 'keep'], 3: ['readOnly', 'bool'] },
  PersistentVolumeClaimVolumeSource: { 1: ['claimName', 'string', 'keep'], 2: ['readOnly', 'bool'] },
  DownwardAPIVolumeSource: { 1: ['items', 'DownwardAPIVolumeFile', 'repeated'], 2: ['defaultMode', 'int32', 'keep'] },
  DownwardAPIVolumeFile: {
    1: ['path', 'string', 'keep'], 2: ['fieldRef', 'ObjectFieldSelector'], 3: ['resourceFieldRef', 'ResourceFieldSelector'],
    4: ['mode', 'int32', 'keep'],
  },
  ProjectedVolumeSource: { 1: ['sources', 'VolumeProjection', 'repeated'], 2: ['defaultMode', 'int32', 'keep'] },
  VolumeProjection: {
    1: ['secret', 'SecretProjection'], 2: ['downwardAPI', 'DownwardAPIProjection'], 3: ['configMap', 'ConfigMapProjection'],
    4: ['serviceAccountToken', 'ServiceAccountTokenProjection'], 5: ['clusterTrustBundle', 'ClusterTrustBundleProjection'],
  },
  SecretProjection: {
    1: ['localObjectReference', 'LocalObjectReference', 'inline'], 2: ['items', 'KeyToPath', 'repeated'], 4: ['optional', 'bool', 'keep'],
  },
  ConfigMapProjection: {
    1: ['localObjectReference', 'LocalObjectReference', 'inline'], 2: ['items', 'KeyToPath', 'repeated'], 4: ['optional', 'bool', 'keep'],
  },
  DownwardAPIProjection: { 1: ['items', 'DownwardAPIVolumeFile', 'repeated'] },
  ServiceAccountTokenProjection: { 1: ['audience', 'string'], 2: ['expirationSeconds', 'int64', 'keep'], 3: ['path', 'string', 'keep'] },
  ClusterTrustBundleProjection: {
    1: ['name', 'string', 'keep'], 2: ['signerName', 'string', 'keep'], 3: ['labelSelector', 'LabelSelector'],
    5: ['optional', 'bool', 'keep'], 4: ['path', 'string', 'keep'],
  },
  CSIVolumeSource: {
    1: ['driver', 'string', 'keep'], 2: ['readOnly', 'bool', 'keep'], 3: ['fsType', 'string', 'keep'],
    4: ['volumeAttributes', 'map<string,string>'], 5: ['nodePublishSecretRef', 'LocalObjectReference'],
  },
  EphemeralVolumeSource: { 1: ['volumeClaimTemplate', 'PersistentVolumeClaimTemplate'] },
  PersistentVolumeClaimTemplate: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PersistentVolumeClaimSpec'] },
  PersistentVolumeClaimSpec: {
    1: ['accessModes', 'string', 'repeated'], 4: ['selector', 'LabelSelector'], 2: ['resources', 'VolumeResourceRequirements'],
    3: ['volumeName', 'string'], 5: ['storageClassName', 'string', 'keep'], 6: ['volumeMode', 'string', 'keep'],
    7: ['dataSource', 'TypedLocalObjectReference'], 8: ['dataSourceRef', 'TypedObjectReference'],
    9: ['volumeAttributesClassName', 'string', 'keep'],
  },
  VolumeResourceRequirements: { 1: ['limits', 'map<string,Quantity>'], 2: ['requests', 'map<string,Quantity>'] },
  TypedLocalObjectReference: { 1: ['apiGroup', 'string', 'keep'], 2: ['kind', 'string', 'keep'], 3: ['name', 'string', 'keep'] },
  TypedObjectReference: {
    1: ['apiGroup', 'string', 'keep'], 2: ['kind', 'string', 'keep'], 3: ['name', 'string', 'keep'], 4: ['namespace', 'string', 'keep'],
  },
  ImageVolumeSource: { 1: ['reference', 'string'], 2: ['pullPolicy', 'string'] },
};
