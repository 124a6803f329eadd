// CRI v1 messages as @grpc/proto-loader hands them to us (see api.proto) with
// the options in client.ts: camelCase field names, int64 as number, enums as
// their names, defaults filled in. So in a response every scalar is present
// ('' / 0 / false), repeated fields are arrays, maps are objects, and an unset
// nested message is null. Requests take `In<T>`: any subset of the fields.
//
// int64 nanosecond timestamps above 2^53 lose precision below ~1 µs as
// numbers; that is fine for status times (we show seconds).

/** Deep-optional request shape: omitted fields encode as the proto3 default. */
export type In<T> = T extends Buffer ? T
  : T extends readonly (infer E)[] ? readonly In<E>[]
  : T extends object ? { [K in keyof T]?: In<T[K]> | null }
  : T;

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type MountPropagation = 'PROPAGATION_PRIVATE' | 'PROPAGATION_HOST_TO_CONTAINER' | 'PROPAGATION_BIDIRECTIONAL';
export type NamespaceMode = 'POD' | 'CONTAINER' | 'NODE' | 'TARGET';
export type PodSandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';
export type ProfileType = 'RuntimeDefault' | 'Unconfined' | 'Localhost';
export type StringMap = Record<string, string>;

export interface VersionRequest { version: string }
export interface VersionResponse { version: string; runtimeName: string; runtimeVersion: string; runtimeApiVersion: string }

export interface DNSConfig { servers: string[]; searches: string[]; options: string[] }
export interface PortMapping { protocol: Protocol; containerPort: number; hostPort: number; hostIp: string }
export interface Mount {
  containerPath: string; hostPath: string; readonly: boolean; selinuxRelabel: boolean; propagation: MountPropagation;
}
export interface Int64Value { value: number }
export interface UInt64Value { value: number }
export interface KeyValue { key: string; value: string }
export interface ImageSpec { image: string; annotations: StringMap; userSpecifiedImage: string; runtimeHandler: string }
export interface SELinuxOption { user: string; role: string; type: string; level: string }
export interface SecurityProfile { profileType: ProfileType; localhostRef: string }
/** targetId names the container whose namespaces a TARGET mode joins (debug containers). */
export interface NamespaceOption { network: NamespaceMode; pid: NamespaceMode; ipc: NamespaceMode; targetId: string }
export interface Capability { addCapabilities: string[]; dropCapabilities: string[]; addAmbientCapabilities: string[] }
export interface HugepageLimit { pageSize: string; limit: number }
export interface LinuxContainerResources {
  cpuPeriod: number; cpuQuota: number; cpuShares: number; memoryLimitInBytes: number; oomScoreAdj: number;
  cpusetCpus: string; cpusetMems: string; hugepageLimits: HugepageLimit[]; unified: StringMap;
  memorySwapLimitInBytes: number;
}

// ---- sandboxes ----

export interface LinuxSandboxSecurityContext {
  namespaceOptions: NamespaceOption | null; selinuxOptions: SELinuxOption | null; runAsUser: Int64Value | null;
  readonlyRootfs: boolean; supplementalGroups: number[]; privileged: boolean; runAsGroup: Int64Value | null;
  seccomp: SecurityProfile | null; apparmor: SecurityProfile | null;
}
export interface LinuxPodSandboxConfig {
  cgroupParent: string; securityContext: LinuxSandboxSecurityContext | null; sysctls: StringMap;
  overhead: LinuxContainerResources | null; resources: LinuxContainerResources | null;
}
export interface PodSandboxMetadata { name: string; uid: string; namespace: string; attempt: number }
export interface PodSandboxConfig {
  metadata: PodSandboxMetadata | null; hostname: string; logDirectory: string; dnsConfig: DNSConfig | null;
  portMappings: PortMapping[]; labels: StringMap; annotations: StringMap; linux: LinuxPodSandboxConfig | null;
}
export interface RunPodSandboxRequest { config: PodSandboxConfig | null; runtimeHandler: string }
export interface RunPodSandboxResponse { podSandboxId: string }
export interface PodSandboxIdRequest { podSandboxId: string }
export type StopPodSandboxRequest = PodSandboxIdRequest;
export type RemovePodSandboxRequest = PodSandboxIdRequest;
export interface PodSandboxStatusRequest { podSandboxId: string; verbose: boolean }
export interface PodIP { ip: string }
export interface PodSandboxNetworkStatus { ip: string; additionalIps: PodIP[] }
export interface LinuxPodSandboxStatus { namespaces: { options: NamespaceOption | null } | null }
export interface PodSandboxStatus {
  id: string; metadata: PodSandboxMetadata | null; state: PodSandboxState; createdAt: number;
  network: PodSandboxNetworkStatus | null; linux: LinuxPodSandboxStatus | null; labels: StringMap;
  annotations: StringMap; runtimeHandler: string;
}
export interface PodSandboxStatusResponse { status: PodSandboxStatus | null; info: StringMap }
export interface PodSandboxFilter { id: string; state: { state: PodSandboxState } | null; labelSelector: StringMap }
export interface ListPodSandboxRequest { filter: PodSandboxFilter | null }
export interface PodSandbox {
  id: string; metadata: PodSandboxMetadata | null; state: PodSandboxState; createdAt: number; labels: StringMap;
  annotations: StringMap; runtimeHandler: string;
}
export interface ListPodSandboxResponse { items: PodSandbox[] }

// ---- containers ----

export interface LinuxContainerSecurityContext {
  capabilities: Capability | null; privileged: boolean; namespaceOptions: NamespaceOption | null;
  selinuxOptions: SELinuxOption | null; runAsUser: Int64Value | null; runAsUsername: string; readonlyRootfs: boolean;
  supplementalGroups: number[]; noNewPrivs: boolean; runAsGroup: Int64Value | null; maskedPaths: string[];
  readonlyPaths: string[]; seccomp: SecurityProfile | null; apparmor: SecurityProfile | null;
}
export interface LinuxContainerConfig {
  resources: LinuxContainerResources | null; securityContext: LinuxContainerSecurityContext | null;
}
export interface ContainerMetadata { name: string; attempt: number }
export interface Device { containerPath: string; hostPath: string; permissions: string }
export interface ContainerConfig {
  metadata: ContainerMetadata | null; image: ImageSpec | null; command: string[]; args: string[]; workingDir: string;
  envs: KeyValue[]; mounts: Mount[]; devices: Device[]; labels: StringMap; annotations: StringMap; logPath: string;
  stdin: boolean; stdinOnce: boolean; tty: boolean; linux: LinuxContainerConfig | null;
}
export interface CreateContainerRequest {
  podSandboxId: string; config: ContainerConfig | null; sandboxConfig: PodSandboxConfig | null;
}
export interface CreateContainerResponse { containerId: string }
export interface ContainerIdRequest { containerId: string }
export type StartContainerRequest = ContainerIdRequest;
export type RemoveContainerRequest = ContainerIdRequest;
export type ReopenContainerLogRequest = ContainerIdRequest;
export type ContainerStatsRequest = ContainerIdRequest;
/** timeout: seconds of grace before the runtime kills (0 = kill now). */
export interface StopContainerRequest { containerId: string; timeout: number }
export interface ContainerFilter {
  id: string; state: { state: ContainerState } | null; podSandboxId: string; labelSelector: StringMap;
}
export interface ListContainersRequest { filter: ContainerFilter | null }
export interface Container {
  id: string; podSandboxId: string; metadata: ContainerMetadata | null; image: ImageSpec | null; imageRef: string;
  state: ContainerState; createdAt: number; labels: StringMap; annotations: StringMap; imageId: string;
}
export interface ListContainersResponse { containers: Container[] }
export interface ContainerStatusRequest { containerId: string; verbose: boolean }
/** Times are nanoseconds since the epoch, 0 when not reached. reason is 'OOMKilled' after a cgroup OOM kill. */
export interface ContainerStatus {
  id: string; metadata: ContainerMetadata | null; state: ContainerState; createdAt: number; startedAt: number;
  finishedAt: number; exitCode: number; image: ImageSpec | null; imageRef: string; reason: string; message: string;
  labels: StringMap; annotations: StringMap; mounts: Mount[]; logPath: string;
  resources: { linux: LinuxContainerResources | null } | null; imageId: string;
}
export interface ContainerStatusResponse { status: ContainerStatus | null; info: StringMap }
export interface UpdateContainerResourcesRequest {
  containerId: string; linux: LinuxContainerResources | null; annotations: StringMap;
}

// ---- exec / attach / port-forward ----

/** timeout: seconds, 0 = no limit. */
export interface ExecSyncRequest { containerId: string; cmd: string[]; timeout: number }
export interface ExecSyncResponse { stdout: Buffer; stderr: Buffer; exitCode: number }
export interface ExecRequest {
  containerId: string; cmd: string[]; tty: boolean; stdin: boolean; stdout: boolean; stderr: boolean;
}
export interface AttachRequest { containerId: string; stdin: boolean; tty: boolean; stdout: boolean; stderr: boolean }
export interface PortForwardRequest { podSandboxId: string; port: number[] }
/** A one-use URL on the runtime's streaming server. */
export interface StreamUrlResponse { url: string }

// ---- stats ----

export interface FilesystemUsage {
  timestamp: number; fsId: { mountpoint: string } | null; usedBytes: UInt64Value | null;
  inodesUsed: UInt64Value | null;
}
export interface CpuUsage {
  timestamp: number; usageCoreNanoSeconds: UInt64Value | null; usageNanoCores: UInt64Value | null;
}
export interface MemoryUsage {
  timestamp: number; workingSetBytes: UInt64Value | null; availableBytes: UInt64Value | null;
  usageBytes: UInt64Value | null; rssBytes: UInt64Value | null; pageFaults: UInt64Value | null;
  majorPageFaults: UInt64Value | null;
}
export interface ContainerStats {
  attributes: { id: string; metadata: ContainerMetadata | null; labels: StringMap; annotations: StringMap } | null;
  cpu: CpuUsage | null; memory: MemoryUsage | null; writableLayer: FilesystemUsage | null;
}
export interface ContainerStatsResponse { stats: ContainerStats | null }
export interface ListContainerStatsRequest {
  filter: { id: string; podSandboxId: string; labelSelector: StringMap } | null;
}
export interface ListContainerStatsResponse { stats: ContainerStats[] }

// ---- runtime status ----

/** Types the kubelet requires: 'RuntimeReady' and 'NetworkReady'. */
export interface RuntimeCondition { type: string; status: boolean; reason: string; message: string }
export interface StatusRequest { verbose: boolean }
export interface StatusResponse { status: { conditions: RuntimeCondition[] } | null; info: StringMap }

// ---- images ----

export interface ListImagesRequest { filter: { image: ImageSpec | null } | null }
export interface Image {
  id: string; repoTags: string[]; repoDigests: string[]; size: number; uid: Int64Value | null; username: string;
  spec: ImageSpec | null; pinned: boolean;
}
export interface ListImagesResponse { images: Image[] }
export interface ImageStatusRequest { image: ImageSpec | null; verbose: boolean }
/** image is null when the runtime does not have it (not an error). */
export interface ImageStatusResponse { image: Image | null; info: StringMap }
export interface AuthConfig {
  username: string; password: string; auth: string; serverAddress: string; identityToken: string;
  registryToken: string;
}
export interface PullImageRequest {
  image: ImageSpec | null; auth: AuthConfig | null; sandboxConfig: PodSandboxConfig | null;
}
export interface PullImageResponse { imageRef: string }
export interface RemoveImageRequest { image: ImageSpec | null }
export interface ImageFsInfoResponse { imageFilesystems: FilesystemUsage[]; containerFilesystems: FilesystemUsage[] }

/** Empty response of the state-changing calls. */
export type Empty = Record<string, never>;
