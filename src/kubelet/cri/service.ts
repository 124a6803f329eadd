// The CRI surface the kubelet codes against: implemented over gRPC by
// client.ts and in memory by fake.ts. Every method resolves with the decoded
// response or rejects with a CRIError.
import type * as t from './types.ts';
import type { In } from './types.ts';

/** Per-call options; timeoutMs overrides the default deadline. */
export interface CallOptions { timeoutMs?: number }

export interface RuntimeService {
  version(req?: In<t.VersionRequest>, o?: CallOptions): Promise<t.VersionResponse>;
  runPodSandbox(req: In<t.RunPodSandboxRequest>, o?: CallOptions): Promise<t.RunPodSandboxResponse>;
  stopPodSandbox(req: In<t.StopPodSandboxRequest>, o?: CallOptions): Promise<t.Empty>;
  removePodSandbox(req: In<t.RemovePodSandboxRequest>, o?: CallOptions): Promise<t.Empty>;
  podSandboxStatus(req: In<t.PodSandboxStatusRequest>, o?: CallOptions): Promise<t.PodSandboxStatusResponse>;
  listPodSandbox(req?: In<t.ListPodSandboxRequest>, o?: CallOptions): Promise<t.ListPodSandboxResponse>;
  createContainer(req: In<t.CreateContainerRequest>, o?: CallOptions): Promise<t.CreateContainerResponse>;
  startContainer(req: In<t.StartContainerRequest>, o?: CallOptions): Promise<t.Empty>;
  stopContainer(req: In<t.StopContainerRequest>, o?: CallOptions): Promise<t.Empty>;
  removeContainer(req: In<t.RemoveContainerRequest>, o?: CallOptions): Promise<t.Empty>;
  listContainers(req?: In<t.ListContainersRequest>, o?: CallOptions): Promise<t.ListContainersResponse>;
  containerStatus(req: In<t.ContainerStatusRequest>, o?: CallOptions): Promise<t.ContainerStatusResponse>;
  updateContainerResources(req: In<t.UpdateContainerResourcesRequest>, o?: CallOptions): Promise<t.Empty>;
  reopenContainerLog(req: In<t.ReopenContainerLogRequest>, o?: CallOptions): Promise<t.Empty>;
  execSync(req: In<t.ExecSyncRequest>, o?: CallOptions): Promise<t.ExecSyncResponse>;
  exec(req: In<t.ExecRequest>, o?: CallOptions): Promise<t.StreamUrlResponse>;
  attach(req: In<t.AttachRequest>, o?: CallOptions): Promise<t.StreamUrlResponse>;
  portForward(req: In<t.PortForwardRequest>, o?: CallOptions): Promise<t.StreamUrlResponse>;
  containerStats(req: In<t.ContainerStatsRequest>, o?: CallOptions): Promise<t.ContainerStatsResponse>;
  listContainerStats(req?: In<t.ListContainerStatsRequest>, o?: CallOptions): Promise<t.ListContainerStatsResponse>;
  status(req?: In<t.StatusRequest>, o?: CallOptions): Promise<t.StatusResponse>;
}

export interface ImageService {
  listImages(req?: In<t.ListImagesRequest>, o?: CallOptions): Promise<t.ListImagesResponse>;
  imageStatus(req: In<t.ImageStatusRequest>, o?: CallOptions): Promise<t.ImageStatusResponse>;
  pullImage(req: In<t.PullImageRequest>, o?: CallOptions): Promise<t.PullImageResponse>;
  removeImage(req: In<t.RemoveImageRequest>, o?: CallOptions): Promise<t.Empty>;
  imageFsInfo(req?: Record<string, never>, o?: CallOptions): Promise<t.ImageFsInfoResponse>;
}

export interface CRIClient {
  runtime: RuntimeService;
  image: ImageService;
  close(): void;
}

/**
 * gRPC status codes (google.golang.org/grpc/codes), the ones callers test for.
 * A plain object, not an enum, to stay within erasable TypeScript.
 */
export const Code = {
  OK: 0, CANCELLED: 1, UNKNOWN: 2, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8, FAILED_PRECONDITION: 9, ABORTED: 10, OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12, INTERNAL: 13, UNAVAILABLE: 14, DATA_LOSS: 15, UNAUTHENTICATED: 16,
} as const;

const codeNames = new Map<number, string>(Object.entries(Code).map(([k, v]) => [v, k]));

/** A failed CRI call: `code` is the gRPC status code, `method` the RPC name (e.g. 'ContainerStatus'). */
export class CRIError extends Error {
  readonly code: number;
  readonly method: string;
  constructor(method: string, code: number, message: string) {
    super(`${method}: ${codeNames.get(code) ?? `code ${code}`}: ${message}`);
    this.name = 'CRIError';
    this.method = method;
    this.code = code;
  }
  /** The runtime's own message, without our method/code prefix. */
  get details(): string { return this.message.replace(/^[^:]+: [^:]+: /, ''); }
}

export const isNotFound = (e: unknown): boolean => e instanceof CRIError && e.code === Code.NOT_FOUND;
