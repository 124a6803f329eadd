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

function parseBind(v: string): string {
  if (!isIP(v)) throw new InvalidArgumentError('must be an IP address (e.g. 127.0.0.1 or 0.0.0.0).');
  return v;
}
