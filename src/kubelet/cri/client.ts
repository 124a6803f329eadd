// CRI v1 client over @grpc/grpc-js on a unix socket, with our own api.proto
// (see its header for why). Deadlines follow the kubelet's remote runtime
// (pkg/kubelet/cri/remote/remote_runtime.go): a default per call, image
// pulls longer, and StopContainer / ExecSync get their own timeout on top.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { CRIError, type CallOptions, type CRIClient, type ImageService, type RuntimeService } from './service.ts';

export interface ConnectOptions {
  /** Deadline of ordinary calls (default 10 s). */
  timeoutMs?: number;
  /** Deadline of PullImage (default 2 min). */
  pullTimeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_PULL_TIMEOUT_MS = 120_000;
// The kubelet's own cap on CRI responses (ListContainers on a busy node).
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** How proto-loader decodes: the shapes in types.ts depend on exactly these. */
export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true,
};

let loaded: protoLoader.PackageDefinition | undefined;

/** The stripped build (build/js) copies only .ts files, so also look for the proto in the source tree. */
function protoPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 'api.proto');
  if (existsSync(beside)) return beside;
  for (let dir = here; dir !== dirname(dir); dir = dirname(dir)) {
    const p = join(dir, 'src', 'kubelet', 'cri', 'api.proto');
    if (existsSync(p)) return p;
  }
  throw new Error(`CRI api.proto not found near ${here}`);
}

/** Loads and parses the proto once per process. */
export function criDefinition(): protoLoader.PackageDefinition {
  loaded ??= protoLoader.loadSync(protoPath(), LOADER_OPTIONS);
  return loaded;
}

type Deadline = (req: any, o?: CallOptions) => number | undefined;

function bindService<S>(client: grpc.Client, service: string, fixed: number, special: Record<string, Deadline> = {}): S {
  const def = criDefinition()[service] as grpc.ServiceDefinition;
  if (!def) throw new Error(`${service} missing from api.proto`);
  const out: Record<string, (req?: unknown, o?: CallOptions) => Promise<unknown>> = {};
  for (const [rpc, m] of Object.entries(def)) {
    const name = rpc[0].toLowerCase() + rpc.slice(1);
    out[name] = (req = {}, o) => new Promise((resolve, reject) => {
      const ms = o?.timeoutMs ?? (special[rpc] ? special[rpc](req, o) : fixed);
      const options: grpc.CallOptions = ms === undefined ? {} : { deadline: Date.now() + ms };
      client.makeUnaryRequest(m.path, m.requestSerialize, m.responseDeserialize, req, new grpc.Metadata(), options,
        (err, res) => {
          if (err) reject(new CRIError(rpc, err.code ?? grpc.status.UNKNOWN, err.details || err.message));
          else resolve(res);
        });
    });
  }
  return out as S;
}

/**
 * Connects (lazily: the first call dials) to the CRI runtime listening on
 * `socketPath`. One channel serves both services.
 */
export function connectCRI(socketPath: string, opts: ConnectOptions = {}): CRIClient {
  const timeout = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pull = opts.pullTimeoutMs ?? DEFAULT_PULL_TIMEOUT_MS;
  const client = new grpc.Client(`unix://${socketPath}`, grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  });
  // StopContainer may take its whole grace period; ExecSync with timeout 0 waits as long as the command runs.
  const plus = (seconds: unknown) => Number(seconds ?? 0) * 1000 + timeout;
  const runtime = bindService<RuntimeService>(client, 'runtime.v1.RuntimeService', timeout, {
    StopContainer: (req) => plus(req.timeout),
    ExecSync: (req) => (Number(req.timeout ?? 0) > 0 ? plus(req.timeout) : undefined),
  });
  const image = bindService<ImageService>(client, 'runtime.v1.ImageService', timeout, { PullImage: () => pull });
  return { runtime, image, close: () => client.close() };
}
