/**
 * Test-only CRI client with just the calls the end-to-end test makes. Field numbers are from
 * the CRI v1 api.proto (kubernetes/cri-api pkg/apis/runtime/v1/api.proto); the real client is
 * src/kubelet/cri/.
 */
import * as grpc from '@grpc/grpc-js';
import { fromJSON } from '@grpc/proto-loader';

const s = (id: number) => ({ type: 'string', id });
const t = (type: string, id: number, rule?: 'repeated') => (rule ? { type, id, rule } : { type, id });
const map = (id: number) => ({ keyType: 'string', type: 'string', id });
const msg = (fields: Record<string, object>) => ({ fields });

const v1 = {
  PodSandboxMetadata: msg({ name: s(1), uid: s(2), namespace: s(3), attempt: t('uint32', 4) }),
  PodSandboxConfig: msg({ metadata: t('PodSandboxMetadata', 1), hostname: s(2), log_directory: s(3), labels: map(6), annotations: map(7) }),
  RunPodSandboxRequest: msg({ config: t('PodSandboxConfig', 1), runtime_handler: s(2) }),
  RunPodSandboxResponse: msg({ pod_sandbox_id: s(1) }),
  PodSandboxIdRequest: msg({ pod_sandbox_id: s(1) }),
  Empty: msg({}),
  PodSandboxNetworkStatus: msg({ ip: s(1) }),
  PodSandboxStatus: msg({ id: s(1), state: t('int32', 3), network: t('PodSandboxNetworkStatus', 5) }),
  PodSandboxStatusResponse: msg({ status: t('PodSandboxStatus', 1) }),
  ContainerMetadata: msg({ name: s(1), attempt: t('uint32', 2) }),
  ImageSpec: msg({ image: s(1) }),
  KeyValue: msg({ key: s(1), value: s(2) }),
  ContainerConfig: msg({ metadata: t('ContainerMetadata', 1), image: t('ImageSpec', 2), command: { type: 'string', id: 3, rule: 'repeated' }, args: { type: 'string', id: 4, rule: 'repeated' }, envs: t('KeyValue', 6, 'repeated'), log_path: s(11) }),
  CreateContainerRequest: msg({ pod_sandbox_id: s(1), config: t('ContainerConfig', 2), sandbox_config: t('PodSandboxConfig', 3) }),
  CreateContainerResponse: msg({ container_id: s(1) }),
  ContainerIdRequest: msg({ container_id: s(1) }),
  ContainerStatus: msg({ id: s(1), state: t('int32', 3), exit_code: t('int32', 7), reason: s(10) }),
  ContainerStatusResponse: msg({ status: t('ContainerStatus', 1) }),
  RuntimeService: { methods: {
    RunPodSandbox: { requestType: 'RunPodSandboxRequest', responseType: 'RunPodSandboxResponse' },
    StopPodSandbox: { requestType: 'PodSandboxIdRequest', responseType: 'Empty' },
    RemovePodSandbox: { requestType: 'PodSandboxIdRequest', responseType: 'Empty' },
    PodSandboxStatus: { requestType: 'PodSandboxIdRequest', responseType: 'PodSandboxStatusResponse' },
    CreateContainer: { requestType: 'CreateContainerRequest', responseType: 'CreateContainerResponse' },
    StartContainer: { requestType: 'ContainerIdRequest', responseType: 'Empty' },
    ContainerStatus: { requestType: 'ContainerIdRequest', responseType: 'ContainerStatusResponse' },
  } },
};

type Call = (req: object) => Promise<any>;

export interface MiniCRI { call: Record<keyof typeof v1.RuntimeService.methods, Call>; close(): void }

export function miniCRI(socket: string): MiniCRI {
  const def = fromJSON({ nested: { runtime: { nested: { v1: { nested: v1 } } } } } as Parameters<typeof fromJSON>[0], { keepCase: true, defaults: true });
  const Ctor = (grpc.loadPackageDefinition(def) as any).runtime.v1.RuntimeService;
  const client = new Ctor(`unix://${socket}`, grpc.credentials.createInsecure());
  const call = Object.fromEntries(Object.keys(v1.RuntimeService.methods).map((m) => [m, (req: object) =>
    new Promise((resolve, reject) => client[m](req, { deadline: Date.now() + 60_000 }, (e: Error | null, r: unknown) => (e ? reject(e) : resolve(r))))]));
  return { call: call as MiniCRI['call'], close: () => client.close() };
}
