/**
 * Adding simulated nodes through the API: `node add --simulated` and `up --simulated-nodes`.
 * Names are `<prefix><n>` with the smallest unused n; each node gets an InternalIP from
 * 172.30.0.0/16, a range nothing ever contacts (the agent answers for the node in-process).
 */
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { realClock, type Clock } from '../client/clock.ts';
import { NODES } from '../client/resources.ts';
import type { Client } from '../client/types.ts';
import { formatIP4, parseCidr4 } from './ip-alloc.ts';
import { SIMULATED_SELECTOR } from './labels.ts';
import { rfc3339 } from '../api/meta.ts';
import { DEFAULT_SHAPE, simNodeObject, simNodeStatus, type SimNodeShape } from './node-object.ts';

export const SIM_ADDRESS_RANGE = '172.30.0.0/16';
export const DEFAULT_PREFIX = 'sim-';

export interface CreateSimulatedNodesOptions extends Partial<SimNodeShape> {
  count?: number;
  /** Names are `<prefix><n>` (default "sim-"). */
  prefix?: string;
  /** One node by this exact name (count must be 1). */
  name?: string;
  clock?: Clock;
}

export interface PlannedNode { name: string; internalIP: string }

type NodeLike = Pick<Node, 'metadata' | 'status'>;

/** Pure: the names and addresses of `count` new nodes, avoiding those of `existing`. */
export function planSimNodes(existing: readonly NodeLike[], o: { count: number; prefix: string; name?: string }): PlannedNode[] {
  if (o.name !== undefined && o.count !== 1) throw new Error('a node name can only be given for one node');
  const names = new Set(existing.map((n) => n.metadata?.name ?? ''));
  const ips = new Set(existing.flatMap((n) => (n.status?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address)));
  const range = parseCidr4(SIM_ADDRESS_RANGE)!;
  const out: PlannedNode[] = [];
  let n = 0, off = 1;
  for (let i = 0; i < o.count; i++) {
    let name = o.name;
    if (name === undefined) {
      do n++; while (names.has(`${o.prefix}${n}`));
      name = `${o.prefix}${n}`;
    }
    let ip: string;
    do {
      off++;
      if (off >= range.size - 1) throw new Error(`no addresses left in ${SIM_ADDRESS_RANGE}`);
      ip = formatIP4(range.base + off);
    } while (ips.has(ip));
    names.add(name); ips.add(ip);
    out.push({ name, internalIP: ip });
  }
  return out;
}

/**
 * Creates `count` simulated nodes (Node, then its status: the API server keeps no status
 * given on create). Answers the nodes as they stand after the status write.
 * A name that exists already is an AlreadyExists error, as `kubectl create` gives.
 */
export async function createSimulatedNodes(client: Client, o: CreateSimulatedNodesOptions = {}): Promise<Node[]> {
  const nodes = client.resource<Node>(NODES);
  const clock = o.clock ?? realClock;
  const shape: SimNodeShape = {
    cpu: o.cpu ?? DEFAULT_SHAPE.cpu, memory: o.memory ?? DEFAULT_SHAPE.memory,
    pods: o.pods ?? DEFAULT_SHAPE.pods, ephemeralStorage: o.ephemeralStorage ?? DEFAULT_SHAPE.ephemeralStorage,
  };
  // All nodes, not only simulated ones: a name must not clash with a real node either.
  const existing = (await nodes.list()).items;
  const plan = planSimNodes(existing, { count: o.count ?? 1, prefix: o.prefix ?? DEFAULT_PREFIX, name: o.name });
  const made: Node[] = [];
  for (const p of plan) {
    await nodes.create(simNodeObject(p.name));
    const status = simNodeStatus(p.name, p.internalIP, shape, rfc3339(clock.now()));
    made.push(await nodes.patchStatus(p.name, 'application/merge-patch+json', { status }));
  }
  return made;
}

/**
 * Makes sure at least `count` simulated nodes exist (for `up --simulated-nodes N`, which
 * runs again on every start): creates only the missing ones.
 */
export async function ensureSimulatedNodes(client: Client, count: number, o: Omit<CreateSimulatedNodesOptions, 'count' | 'name'> = {}): Promise<Node[]> {
  const have = (await client.resource<Node>(NODES).list({ labelSelector: SIMULATED_SELECTOR })).items.length;
  if (have >= count) return [];
  return createSimulatedNodes(client, { ...o, count: count - have });
}
