/**
 * k8s.io/api/core/v1: Container and what it uses (ports, env, resources, probes, lifecycle,
 * security context). Field numbers: staging/src/k8s.io/api/core/v1/generated.proto (release-1.33+).
 */
import type { SchemaTable } from './types.ts';

const CONTAINER_FIELDS = {
  1: ['name', 'string', 'keep'], 2: ['image', 'string'], 3: ['command', 'string', 'repeated'], 4: ['args', 'string', 'repeated'],
  5: ['workingDir', 'string'], 6: ['ports', 'ContainerPort', 'repeated'], 19: ['envFrom', 'EnvFromSource', 'repeated'],
  7: ['env', 'EnvVar', 'repeated'], 8: ['resources', 'ResourceRequirements'], 23: ['resizePolicy', 'ContainerResizePolicy', 'repeated'],
  24: ['restartPolicy', 'string', 'keep'], 25: ['restartPolicyRules', 'ContainerRestartRule', 'repeated'],
  9: ['volumeMounts', 'VolumeMount', 'repeated'], 21: ['volumeDevices', 'VolumeDevice', 'repeated'],
  10: ['livenessProbe', 'Probe'], 11: ['readinessProbe', 'Probe'], 22: ['startupProbe', 'Probe'], 12: ['lifecycle', 'Lifecycle'],
  13: ['terminationMessagePath', 'string'], 20: ['terminationMessagePolicy', 'string'], 14: ['imagePullPolicy', 'string'],
  15: ['securityContext', 'SecurityContext'], 16: ['stdin', 'bool'], 17: ['stdinOnce', 'bool'], 18: ['tty', 'bool'],
} as const;

export const CORE_CONTAINER: SchemaTable = {
  Container: CONTAINER_FIELDS,
  // EphemeralContainerCommon repeats Container's numbering; it is embedded inline in JSON.
  EphemeralContainer: { 1: ['ephemeralContainerCommon', 'EphemeralContainerCommon', 'inline'], 2: ['targetContainerName', 'string'] },
  EphemeralContainerCommon: CONTAINER_FIELDS,
  ContainerPort: {
    1: ['name', 'string'], 2: ['hostPort', 'int32'], 3: ['containerPort', 'int32', 'keep'], 4: ['protocol', 'string'],
    5: ['hostIP', 'string'],
  },
  ContainerResizePolicy: { 1: ['resourceName', 'string', 'keep'], 2: ['restartPolicy', 'string', 'keep'] },
  ContainerRestartRule: { 1: ['action', 'string', 'keep'], 2: ['exitCodes', 'ContainerRestartRuleOnExitCodes'] },
  ContainerRestartRuleOnExitCodes: { 1: ['operator', 'string', 'keep'], 2: ['values', 'int32', 'repeated'] },
  EnvFromSource: { 1: ['prefix', 'string'], 2: ['configMapRef', 'ConfigMapEnvSource'], 3: ['secretRef', 'SecretEnvSource'] },
  ConfigMapEnvSource: { 1: ['localObjectReference', 'LocalObjectReference', 'inline'], 2: ['optional', 'bool', 'keep'] },
  SecretEnvSource: { 1: ['localObjectReference', 'LocalObjectReference', 'inline'], 2: ['optional', 'bool', 'keep'] },
  EnvVar: { 1: ['name', 'string', 'keep'], 2: ['value', 'string'], 3: ['valueFrom', 'EnvVarSource'] },
  EnvVarSource: {
    1: ['fieldRef', 'ObjectFieldSelector'], 2: ['resourceFieldRef', 'ResourceFieldSelector'],
    3: ['configMapKeyRef', 'ConfigMapKeySelector'], 4: ['secretKeyRef', 'SecretKeySelector'], 5: ['fileKeyRef', 'FileKeySelector'],
  },
  ObjectFieldSelector: { 1: ['apiVersion', 'string'], 2: ['fieldPath', 'string', 'keep'] },
  ResourceFieldSelector: { 1: ['containerName', 'string'], 2: ['resource', 'string', 'keep'], 3: ['divisor', 'Quantity'] },
  ConfigMapKeySelector: {
    1: ['localObjectReference', 'LocalObjectReference', 'inline'], 2: ['key', 'string', 'keep'], 3: ['optional', 'bool', 'keep'],
  },
  SecretKeySelector: {
    1: ['localObjectReference', 'LocalObjectReference', 'inline'], 2: ['key', 'string', 'keep'], 3: ['optional', 'bool', 'keep'],
  },
  FileKeySelector: {
    1: ['volumeName', 'string', 'keep'], 2: ['path', 'string', 'keep'], 3: ['key', 'string', 'keep'], 4: ['optional', 'bool', 'keep'],
  },
  LocalObjectReference: { 1: ['name', 'string'] },
  ResourceRequirements: {
    1: ['limits', 'map<string,Quantity>'], 2: ['requests', 'map<string,Quantity>'], 3: ['claims', 'ResourceClaim', 'repeated'],
  },
  ResourceClaim: { 1: ['name', 'string', 'keep'], 2: ['request', 'string'] },
  VolumeMount: {
    1: ['name', 'string', 'keep'], 2: ['readOnly', 'bool'], 7: ['recursiveReadOnly', 'string', 'keep'],
    3: ['mountPath', 'string', 'keep'], 4: ['subPath', 'string'], 5: ['mountPropagation', 'string', 'keep'],
    6: ['subPathExpr', 'string'],
  },
  VolumeDevice: { 1: ['name', 'string', 'keep'], 2: ['devicePath', 'string', 'keep'] },
  // ProbeHandler is embedded inline in Probe.
  Probe: {
    1: ['handler', 'ProbeHandler', 'inline'], 2: ['initialDelaySeconds', 'int32'], 3: ['timeoutSeconds', 'int32'],
    4: ['periodSeconds', 'int32'], 5: ['successThreshold', 'int32'], 6: ['failureThreshold', 'int32'],
    7: ['terminationGracePeriodSeconds', 'int64', 'keep'],
  },
  ProbeHandler: { 1: ['exec', 'ExecAction'], 2: ['httpGet', 'HTTPGetAction'], 3: ['tcpSocket', 'TCPSocketAction'], 4: ['grpc', 'GRPCAction'] },
  ExecAction: { 1: ['command', 'string', 'repeated'] },
  HTTPGetAction: {
    1: ['path', 'string'], 2: ['port', 'IntOrString'], 3: ['host', 'string'], 4: ['scheme', 'string'],
    5: ['httpHeaders', 'HTTPHeader', 'repeated'],
  },
  HTTPHeader: { 1: ['name', 'string', 'keep'], 2: ['value', 'string', 'keep'] },
  TCPSocketAction: { 1: ['port', 'IntOrString'], 2: ['host', 'string'] },
  GRPCAction: { 1: ['port', 'int32', 'keep'], 2: ['service', 'string', 'keep'] },
  Lifecycle: { 1: ['postStart', 'LifecycleHandler'], 2: ['preStop', 'LifecycleHandler'], 3: ['stopSignal', 'string', 'keep'] },
  LifecycleHandler: { 1: ['exec', 'ExecAction'], 2: ['httpGet', 'HTTPGetAction'], 3: ['tcpSocket', 'TCPSocketAction'], 4: ['sleep', 'SleepAction'] },
  SleepAction: { 1: ['seconds', 'int64', 'keep'] },
  // Every SecurityContext field is a pointer in Go.
  SecurityContext: {
    1: ['capabilities', 'Capabilities'], 2: ['privileged', 'bool', 'keep'], 3: ['seLinuxOptions', 'SELinuxOptions'],
    10: ['windowsOptions', 'WindowsSecurityContextOptions'], 4: ['runAsUser', 'int64', 'keep'], 8: ['runAsGroup', 'int64', 'keep'],
    5: ['runAsNonRoot', 'bool', 'keep'], 6: ['readOnlyRootFilesystem', 'bool', 'keep'], 7: ['allowPrivilegeEscalation', 'bool', 'keep'],
    9: ['procMount', 'string', 'keep'], 11: ['seccompProfile', 'SeccompProfile'], 12: ['appArmorProfile', 'AppArmorProfile'],
    13: ['ulimits', 'Ulimit', 'repeated'],
  },
  Capabilities: { 1: ['add', 'string', 'repeated'], 2: ['drop', 'string', 'repeated'] },
  SELinuxOptions: { 1: ['user', 'string'], 2: ['role', 'string'], 3: ['type', 'string'], 4: ['level', 'string'] },
  WindowsSecurityContextOptions: {
    1: ['gmsaCredentialSpecName', 'string', 'keep'], 2: ['gmsaCredentialSpec', 'string', 'keep'],
    3: ['runAsUserName', 'string', 'keep'], 4: ['hostProcess', 'bool', 'keep'],
  },
  SeccompProfile: { 1: ['type', 'string', 'keep'], 2: ['localhostProfile', 'string', 'keep'] },
  AppArmorProfile: { 1: ['type', 'string', 'keep'], 2: ['localhostProfile', 'string', 'keep'] },
  Ulimit: { 1: ['name', 'string', 'keep'], 2: ['hard', 'int64', 'keep'], 3: ['soft', 'int64', 'keep'] },
};
