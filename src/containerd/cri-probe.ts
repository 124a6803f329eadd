/**
 * Readiness probe: CRI `runtime.v1.RuntimeService/Version` over containerd's socket. The
 * proto is a hand-written descriptor with just that call (field numbers from the CRI v1
 * api.proto, kubernetes/cri-api pkg/apis/runtime/v1/api.proto); the full client lives in
 * src/kubelet/cri/. Each probe uses a fresh channel: grpc-js waits about a second before
 * reconnecting a channel whose first connect failed (docs/runtime.md).
 */
import * as grpc from '@grpc/grpc-js';
import { fromJSON } from '@grpc/proto-loader';

const str = (id: number) => ({ type: 'string', id });

const descriptor = {
  nested: { runtime: { nested: { v1: { nested: {
    VersionRequest: { fields: { version: str(1) } },
    VersionResponse: { fields: { version: str(1), runtime_name: str(2), runtime_version: str(3), runtime_api_version: str(4) } },
    RuntimeService: { methods: { Version: { requestType: 'VersionRequest', responseType: 'VersionResponse' } } },
  } } } } },
};

export interface CRIVersion { version: string; runtime_name: string; runtime_version: string; runtime_api_version: string }

type ServiceCtor = new (address: string, creds: grpc.ChannelCredentials) => grpc.Client & {
  Version(req: object, opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res: CRIVersion) => void): void;
};

let ctor: ServiceCtor | undefined;

function service(): ServiceCtor {
  if (!ctor) {
    const pkg = grpc.loadPackageDefinition(fromJSON(descriptor as Parameters<typeof fromJSON>[0], { keepCase: true })) as unknown as { runtime: { v1: { RuntimeService: ServiceCtor } } };
    ctor = pkg.runtime.v1.RuntimeService;
  }
  return ctor;
}

/** One `Version` call; rejects on any error, including the deadline passing. */
export function criVersion(socket: string, timeoutMs = 1000): Promise<CRIVersion> {
  const client = new (service())(`unix://${socket}`, grpc.credentials.createInsecure());
  return new Promise<CRIVersion>((resolve, reject) => {
    client.Version({ version: 'v1' }, { deadline: Date.now() + timeoutMs }, (err, res) => {
      client.close();
      if (err) reject(err); else resolve(res);
    });
  });
}
