// The flags the commands share, their defaults, and how they resolve to absolute values.
import * as os from 'node:os';
import * as path from 'node:path';
import { isIP } from 'node:net';
import { InvalidArgumentError, Option, type Command } from 'commander';

export interface CliOptions {
  dataDir: string;
  apiPort: number;
  bindAddress: string;
  datastore: string;
  kubeconfig?: string;
  verbose: boolean;
  /** `--simulated-nodes N`: keep at least N simulated nodes (up, server). */
  simulatedNodes?: number;
  /** Run the server's own node with real containers (`--no-node` turns it off). */
  node: boolean;
  /** `--api-only`: the API server alone, without controllers, scheduler or nodes (benchmarks). */
  apiOnly?: boolean;
  /** Controllers, scheduler and simulated nodes on their own thread (`--no-control-plane-thread` keeps them on the API server's). */
  controlPlaneThread: boolean;
  /** `--registry-mirror docker.io=http://127.0.0.1:5000` (repeatable). */
  registryMirrors: Record<string, string>;
  kubeletPort: number;
  clusterCIDR?: string;
  nodeCIDRMaskSize?: number;
  /** `--simulated-start-delay`: how long a simulated node takes to report a pod Running (its default: 100 ms). */
  simStartDelayMs?: number;
}

export const DEFAULT_PORT = 6443;
export const DEFAULT_BIND = '127.0.0.1';

type Flag = 'data-dir' | 'api-port' | 'bind-address' | 'datastore' | 'kubeconfig' | 'verbose';

/** Adds the named shared flags to `cmd`. `kubeconfigHelp` differs between `up` and `kubeconfig`. */
export function addFlags(cmd: Command, flags: Flag[], kubeconfigHelp = ''): Command {
  for (const f of flags) {
    if (f === 'data-dir') cmd.addOption(new Option('--data-dir <dir>', 'where the cluster keeps its state').env('K8TS_DATA_DIR').default('~/.k8ts'));
    if (f === 'api-port') cmd.addOption(new Option('--api-port <port>', 'API server port').argParser(parsePort).default(DEFAULT_PORT));
    if (f === 'bind-address') cmd.addOption(new Option('--bind-address <ip>', 'address the API server listens on').argParser(parseBind).default(DEFAULT_BIND));
    if (f === 'datastore') cmd.addOption(new Option('--datastore <url>', 'store: sqlite:<file> or etcd://host:port,…').default('sqlite:<data-dir>/state.db'));
    if (f === 'kubeconfig') cmd.addOption(new Option('--kubeconfig <file>', kubeconfigHelp));
    if (f === 'verbose') cmd.addOption(new Option('-v, --verbose', 'more log output').default(false));
  }
  return cmd;
}

/** Turns commander's raw values into absolute, defaulted options. */
export function resolveOptions(raw: Record<string, unknown>, home = os.homedir()): CliOptions {
  const dataDir = path.resolve(expandHome(String(raw.dataDir ?? '~/.k8ts'), home));
  const ds = raw.datastore === undefined || raw.datastore === 'sqlite:<data-dir>/state.db'
    ? `sqlite:${path.join(dataDir, 'state.db')}` : String(raw.datastore);
  return {
    dataDir,
    apiPort: typeof raw.apiPort === 'number' ? raw.apiPort : DEFAULT_PORT,
    bindAddress: typeof raw.bindAddress === 'string' ? raw.bindAddress : DEFAULT_BIND,
    datastore: ds,
    kubeconfig: typeof raw.kubeconfig === 'string' ? expandHome(raw.kubeconfig, home) : undefined,
    verbose: raw.verbose === true,
    simulatedNodes: typeof raw.simulatedNodes === 'number' ? raw.simulatedNodes : undefined,
    node: raw.node !== false,
    apiOnly: raw.apiOnly === true ? true : undefined,
    controlPlaneThread: raw.controlPlaneThread !== false,
    registryMirrors: (raw.registryMirror as Record<string, string> | undefined) ?? {},
    kubeletPort: typeof raw.kubeletPort === 'number' ? raw.kubeletPort : 10250,
    clusterCIDR: typeof raw.clusterCidr === 'string' ? raw.clusterCidr : undefined,
    nodeCIDRMaskSize: typeof raw.nodeCidrMaskSize === 'number' ? raw.nodeCidrMaskSize : undefined,
    simStartDelayMs: typeof raw.simulatedStartDelay === 'number' ? raw.simulatedStartDelay : undefined,
  };
}

/** The address clients use: a wildcard bind is reached through loopback. */
export function clientURL(bindAddress: string, port: number): string {
  const host = bindAddress === '0.0.0.0' || bindAddress === '::' || bindAddress === '' ? '127.0.0.1' : bindAddress;
  return `https://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}

export function expandHome(p: string, home = os.homedir()): string {
  return p === '~' ? home : p.startsWith('~/') ? path.join(home, p.slice(2)) : p;
}

/** Shows a path under the home directory as ~/…, as users type it. */
export function tildePath(p: string, home = os.homedir()): string {
  return p.startsWith(home + path.sep) ? '~' + p.slice(home.length) : p;
}

export function parsePort(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 65535) throw new InvalidArgumentError('must be a port number from 1 to 65535.');
  return n;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A duration as Kubernetes' flags write it (the ms, s, m and h of Go's time.ParseDuration: `100ms`, `2s`, `1m30s`), in ms. */
export function parseDuration(v: string): number {
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(v)) throw new InvalidArgumentError('must be a duration such as 500ms, 2s or 1m30s.');
  let ms = 0;
  for (const m of v.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) ms += Number(m[1]) * UNIT_MS[m[2]];
  return Math.round(ms);
}

function parseBind(v: string): string {
  if (!isIP(v)) throw new InvalidArgumentError('must be an IP address (e.g. 127.0.0.1 or 0.0.0.0).');
  return v;
}

/** Options of the cluster itself (up and server): its node, registries and pod network. */
export function addClusterFlags(cmd: Command): Command {
  return cmd
    .addOption(new Option('--no-node', 'run no node of our own (the control plane and simulated nodes only)'))
    .addOption(new Option('--api-only', 'run the API server alone: no controllers, scheduler or nodes (for benchmarks)'))
    .addOption(new Option('--no-control-plane-thread', 'run the controllers, scheduler and simulated nodes on the API server\'s thread (≈ 15 MB less memory, ≈ 70 % of the throughput under load)'))
    .addOption(new Option('--registry-mirror <registry=url>', 'pull <registry> images from <url> (repeatable), e.g. docker.io=http://127.0.0.1:5000')
      .argParser(parseMirror))
    .addOption(new Option('--kubelet-port <port>', 'the node agent\'s HTTPS port').argParser(parsePort).default(10250))
    .addOption(new Option('--cluster-cidr <cidr>', 'pod addresses of the whole cluster').default('10.244.0.0/16'))
    .addOption(new Option('--node-cidr-mask-size <bits>', 'each node\'s share of the cluster CIDR').argParser((v) => {
      const n = Number(v);
      if (!/^\d+$/.test(v) || n < 8 || n > 30) throw new InvalidArgumentError('must be a prefix length from 8 to 30.');
      return n;
    }).default(24))
    .addOption(new Option('--simulated-start-delay <duration>', 'how long a simulated node takes to start a pod (default 100ms)').argParser(parseDuration));
}

function parseMirror(v: string, prev: Record<string, string> | undefined): Record<string, string> {
  const m = /^([^=\s]+)=(https?:\/\/\S+)$/.exec(v);
  if (!m) throw new InvalidArgumentError('expected <registry>=<url>, e.g. docker.io=http://127.0.0.1:5000.');
  return { ...prev, [m[1]]: m[2] };
}

/** The flags `up` passes on to the `server` it starts. */
export function clusterArgs(o: CliOptions): string[] {
  return [
    ...(o.node ? [] : ['--no-node']),
    ...(o.controlPlaneThread ? [] : ['--no-control-plane-thread']),
    ...Object.entries(o.registryMirrors).flatMap(([r, u]) => ['--registry-mirror', `${r}=${u}`]),
    '--kubelet-port', String(o.kubeletPort),
    ...(o.clusterCIDR ? ['--cluster-cidr', o.clusterCIDR] : []),
    ...(o.nodeCIDRMaskSize ? ['--node-cidr-mask-size', String(o.nodeCIDRMaskSize)] : []),
    ...(o.simStartDelayMs !== undefined ? ['--simulated-start-delay', `${o.simStartDelayMs}ms`] : []),
  ];
}
