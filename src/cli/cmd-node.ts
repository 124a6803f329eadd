// `k8ts node add|ls|stop|start`: nodes of a running cluster, through its API (admin
// credentials from the data dir's pki/, or --kubeconfig). Only simulated nodes can be added,
// stopped and started for now: stop/start set or clear the annotation the simulated-node
// agent obeys (src/sim/labels.ts), which stops the node's lease and status heartbeats and
// so shows node loss (NotReady, taints, eviction) without killing anything.
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { isAlreadyExists, isNotFound } from '../api/errors.ts';
import { parseQuantity } from '../api/quantity.ts';
import { createClient } from '../client/client.ts';
import { httpTransport } from '../client/http-transport.ts';
import { fromKubeconfig } from '../client/kubeconfig.ts';
import { NODES } from '../client/resources.ts';
import type { Client } from '../client/types.ts';
import { createSimulatedNodes } from '../sim/create.ts';
import { HEARTBEATS_ANNOTATION, HEARTBEATS_STOPPED, isHeartbeatStopped, isSimulated } from '../sim/labels.ts';
import { CliError, EXIT_USAGE } from './cli-error.ts';
import { table } from './cmd-image.ts';
import { localAdmin } from './endpoint.ts';
import { addFlags, resolveOptions, tildePath, type CliOptions } from './options.ts';
import type { Out } from './steps.ts';

const CONNECT_FLAGS = ['data-dir', 'api-port', 'bind-address', 'kubeconfig'] as const;
const KUBECONFIG_HELP = 'reach the cluster through this kubeconfig instead of the data dir\'s credentials';

export function parseCount(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 100_000) throw new InvalidArgumentError('must be a whole number from 1 to 100000.');
  return n;
}

function parseQty(v: string): string {
  try { parseQuantity(v); } catch (e) { throw new InvalidArgumentError(`${(e as Error).message} (e.g. 4, 500m, 8Gi).`); }
  return v;
}

/** `--simulated-nodes N` for `up` and `server` (0 or absent: none). */
export function simulatedNodesOption(): Option {
  return new Option('--simulated-nodes <n>', 'run N simulated nodes (no containers: pods only report Running)').argParser(parseCount);
}

/** Adds `node` and its subcommands to `program`. */
export function addNodeCommand(program: Command, out: Out = (l) => console.log(l)): Command {
  const node = program.command('node').description('list, add, stop and start nodes');
  const connect = (c: Command) => addFlags(c, [...CONNECT_FLAGS], KUBECONFIG_HELP);

  connect(node.command('add').description('add nodes to the running cluster (only --simulated for now)'))
    .option('--simulated', 'a simulated node: pods on it report Running, nothing runs', false)
    .addOption(new Option('--count <n>', 'how many nodes').argParser(parseCount).default(1))
    .option('--name <name>', 'the node\'s name (default sim-<n>; one node only)')
    .addOption(new Option('--cpu <q>', 'cpu capacity').argParser(parseQty).default('4'))
    .addOption(new Option('--memory <q>', 'memory capacity').argParser(parseQty).default('8Gi'))
    .addOption(new Option('--pods <n>', 'pod capacity').argParser(parseCount).default(110))
    .action(async (raw, cmd: Command) => runNodeAdd(await connectClient(resolveOptions(raw), cmd), raw, out));

  connect(node.command('ls').alias('list').description('list the nodes: readiness, simulated or not, heartbeats'))
    .action(async (raw, cmd: Command) => runNodeLs(await connectClient(resolveOptions(raw), cmd), out));

  connect(node.command('stop').argument('<name>').description('stop a simulated node\'s heartbeats (it goes NotReady, as if lost)'))
    .action(async (name: string, raw, cmd: Command) => setHeartbeats(await connectClient(resolveOptions(raw), cmd), name, false, out));

  connect(node.command('start').argument('<name>').description('resume a stopped simulated node\'s heartbeats'))
    .action(async (name: string, raw, cmd: Command) => setHeartbeats(await connectClient(resolveOptions(raw), cmd), name, true, out));
  return node;
}

/** A client for the cluster of `o.dataDir` (or `o.kubeconfig`), at the address flags or the running server name. */
export async function connectClient(o: CliOptions, cmd: Command): Promise<Client> {
  if (o.kubeconfig) return createClient(fromKubeconfig(o.kubeconfig));
  const admin = await localAdmin(o, cmd);
  if (!admin) throw new CliError(`no cluster credentials in ${tildePath(o.dataDir)}/pki: start the cluster with "k8ts up" (or pass --kubeconfig)`);
  return createClient(httpTransport({ ...admin, userAgent: 'k8ts-cli' }));
}

/** Connection failures say where we tried and what to do. */
async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH') throw new CliError(`${what}: the API server does not answer (${code}): is k8ts running ("k8ts status")?`);
    throw e;
  }
}

export async function runNodeAdd(client: Client, raw: Record<string, unknown>, out: Out): Promise<void> {
  if (!raw.simulated) throw new CliError('only simulated nodes can be added for now: use "k8ts node add --simulated"', EXIT_USAGE);
  const count = Number(raw.count ?? 1);
  if (raw.name !== undefined && count !== 1) throw new CliError('--name names one node: leave out --count or --name', EXIT_USAGE);
  try {
    const made = await call('adding nodes', () => createSimulatedNodes(client, {
      count, name: raw.name as string | undefined, cpu: String(raw.cpu ?? '4'), memory: String(raw.memory ?? '8Gi'), pods: String(raw.pods ?? 110),
    }));
    for (const n of made) out(`node/${n.metadata?.name} created (simulated, ${n.status?.addresses?.[0]?.address})`);
  } catch (e) {
    if (isAlreadyExists(e)) throw new CliError(`node "${raw.name}" exists already`);
    throw e;
  }
}

export async function runNodeLs(client: Client, out: Out): Promise<void> {
  const list = await call('listing nodes', () => client.resource<Node>(NODES).list());
  for (const l of nodeTable(list.items)) out(l);
}

/** Rows of `node ls`, padded into columns (pure). */
export function nodeTable(nodes: readonly Node[]): string[] {
  const rows: string[][] = [];
  for (const n of [...nodes].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '', 'en', { numeric: true }))) {
    const sim = isSimulated(n);
    rows.push([
      n.metadata?.name ?? '', nodeReadiness(n), sim ? 'simulated' : 'real',
      sim ? (isHeartbeatStopped(n) ? 'stopped' : 'running') : '-',
      n.spec?.podCIDR ?? '<none>', n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '<none>',
    ]);
  }
  return table(['NAME', 'STATUS', 'TYPE', 'HEARTBEATS', 'POD-CIDR', 'INTERNAL-IP'], rows);
}

/** kubectl's STATUS column: Ready / NotReady / Unknown, with ",SchedulingDisabled" when cordoned. */
export function nodeReadiness(n: Node): string {
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
  const s = ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown';
  return n.spec?.unschedulable ? `${s},SchedulingDisabled` : s;
}

async function setHeartbeats(client: Client, name: string, on: boolean, out: Out): Promise<void> {
  const nodes = client.resource<Node>(NODES);
  let node: Node;
  try {
    node = await call(`reading node ${name}`, () => nodes.get(name));
  } catch (e) {
    if (isNotFound(e)) throw new CliError(`node "${name}" not found ("k8ts node ls" lists them)`);
    throw e;
  }
  if (!isSimulated(node)) throw new CliError(`node "${name}" is not simulated: only simulated nodes can be stopped and started`);
  await nodes.patch(name, 'application/merge-patch+json', { metadata: { annotations: { [HEARTBEATS_ANNOTATION]: on ? null : HEARTBEATS_STOPPED } } });
  out(on ? `node/${name} heartbeats resumed` : `node/${name} heartbeats stopped: it goes NotReady after the node monitor grace period (40 s)`);
}
