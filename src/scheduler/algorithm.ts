/**
 * One scheduling decision, pure over the cache (pkg/scheduler/schedule_one.go schedulePod):
 *
 * 1. PreFilter each plugin once for the pod (SKIP drops it for this pod).
 * 2. Filter nodes round-robin from where the last pod stopped, until enough feasible nodes are
 *    found (numFeasibleNodesToFind: all under 100 nodes, else 50% − nodes/125, at least 5% and
 *    100 nodes); the first failing plugin gives a node's status.
 * 3. One feasible node: take it. Several: PreScore, Score, normalise, weight and sum.
 * 4. The best total wins; ties are broken uniformly at random (reservoir sampling with `rand`).
 */
import type { NodeInfo } from './node-info.ts';
import type { PodInfo } from './pod-info.ts';
import type { Profile } from './profile.ts';
import { SKIP, type ClusterView, type FilterPlugin, type ScorePlugin, type Status } from './types.ts';

export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE = 5;
export const DEFAULT_PERCENTAGE = 50;

/** How many feasible nodes to look for among `all` (numFeasibleNodesToFind, adaptive). */
export function numFeasibleNodesToFind(all: number): number {
  if (all < MIN_FEASIBLE_NODES_TO_FIND) return all;
  const pct = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE, DEFAULT_PERCENTAGE - Math.trunc(all / 125));
  return Math.max(MIN_FEASIBLE_NODES_TO_FIND, Math.trunc((all * pct) / 100));
}

export type Decision =
  | { ok: true; node: string; feasible: number; evaluated: number }
  | { ok: false; numAllNodes: number; statuses: Map<string, Status> };

export class Algorithm {
  readonly #profile: Profile;
  readonly #rand: (n: number) => number;
  #next = 0;
  #scratch = new Float64Array(0);
  #totals = new Float64Array(0);
  readonly #feasible: NodeInfo[] = [];

  constructor(profile: Profile, rand: (n: number) => number) {
    this.#profile = profile;
    this.#rand = rand;
  }

  schedule(pod: PodInfo, view: ClusterView): Decision {
    const nodes = view.nodes();
    const all = nodes.length;
    const statuses = new Map<string, Status>();
    if (all === 0) return { ok: false, numAllNodes: 0, statuses };

    const filters: FilterPlugin[] = [];
    const states: unknown[] = [];
    for (const f of this.#profile.filters) {
      const s = f.preFilter ? f.preFilter(pod, view) : undefined;
      if (s === SKIP) continue;
      filters.push(f); states.push(s);
    }

    const want = numFeasibleNodesToFind(all);
    const feasible = this.#feasible;
    feasible.length = 0;
    let evaluated = 0;
    const start = this.#next % all;
    for (; evaluated < all && feasible.length < want; evaluated++) {
      const n = nodes[(start + evaluated) % all];
      let st: Status | undefined;
      for (let i = 0; i < filters.length && !st; i++) st = filters[i].filter(states[i], pod, n);
      if (st) statuses.set(n.name, st); else feasible.push(n);
    }
    this.#next = (start + evaluated) % all;
    if (feasible.length === 0) return { ok: false, numAllNodes: all, statuses };
    if (feasible.length === 1) return { ok: true, node: feasible[0].name, feasible: 1, evaluated };
    return { ok: true, node: this.#pick(pod, feasible, view), feasible: feasible.length, evaluated };
  }

  #pick(pod: PodInfo, nodes: readonly NodeInfo[], view: ClusterView): string {
    const n = nodes.length;
    if (this.#totals.length < n) { this.#totals = new Float64Array(n * 2); this.#scratch = new Float64Array(n * 2); }
    const totals = this.#totals;
    const scores = this.#scratch;
    totals.fill(0, 0, n);
    for (const { plugin, weight } of this.#profile.scores) {
      const p = plugin as ScorePlugin;
      const s = p.preScore ? p.preScore(pod, nodes, view) : undefined;
      if (s === SKIP) continue;
      if (p.scoreAll) p.scoreAll(s, pod, nodes, scores);
      else for (let i = 0; i < n; i++) scores[i] = p.score(s, pod, nodes[i]);
      p.normalize?.(s, scores, n);
      for (let i = 0; i < n; i++) totals[i] += scores[i] * weight;
    }
    let best = 0;
    let ties = 1;
    for (let i = 1; i < n; i++) {
      if (totals[i] > totals[best]) { best = i; ties = 1; } else if (totals[i] === totals[best] && this.#rand(++ties) === 0) best = i;
    }
    return nodes[best].name;
  }
}
