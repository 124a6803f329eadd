/**
 * Controller micro-benchmark (not a test, no server): the ReplicaSet controller, the
 * Deployment controller's claim and the garbage collector reading an informer-like cache of
 * `--pods` pods in `--replicasets` ReplicaSets (each owned by a Deployment), all in one
 * namespace, as bench/scale.ts loads the cluster. Writes go to a stub client that answers at
 * once (a status write is put back into the cache, as the informer would), so what is timed
 * is the controllers' own CPU:
 *
 * - `rs sync`: one syncReplicaSet of one ReplicaSet in steady state (all pods claimed, status unchanged);
 * - `rs status`: calculateStatus over that ReplicaSet's pods;
 * - `pod event`: one pod status update: the cache's put (index upkeep) and the RS controller's handler;
 * - `deploy claim`, `deploy pods`: the Deployment controller's claim of one deployment's ReplicaSets, and
 *   (Recreate) the pods of each;
 * - `gc rs`: the garbage collector's look at one ReplicaSet (owner alive: nothing to do).
 *
 *   node bench/controllers.ts [--pods 30000] [--replicasets 30] [--iterations 200] [--min-ready 0] [--root DIR]
 *
 * `--root` runs the same figures against another checkout's `src/` (e.g. `git archive REV src | tar -x -C DIR`),
 * for before/after comparisons; phases that checkout lacks are skipped.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';

const { values: args } = parseArgs({
  options: {
    pods: { type: 'string', default: '30000' }, replicasets: { type: 'string', default: '30' },
    iterations: { type: 'string', default: '200' }, 'min-ready': { type: 'string', default: '0' },
    root: { type: 'string', default: resolve(import.meta.dirname, '..') },
  },
});
const PODS = Number(args.pods);
const RSS = Number(args.replicasets);
const ITER = Number(args.iterations);
const MIN_READY = Number(args['min-ready']);
const NS = 'default';
const root = resolve(args.root!);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const load = async (p: string): Promise<any> => import(pathToFileURL(resolve(root, 'src', p)).href);

const { Cache } = await load('client/cache.ts');
const { newLister } = await load('client/lister.ts');
const { deepFreeze } = await load('client/freeze.ts');
const { FakeClock } = await load('client/clock.ts');
const { fakeNames } = await load('client/names.ts');
const { FakeEventRecorder } = await load('client/events.ts');
const { ReplicaSetController } = await load('controllers/replicaset/controller.ts');
const { calculateStatus } = await load('controllers/replicaset/status.ts');
const { isPodActive } = await load('controllers/replicaset/pod-util.ts');
const { GarbageCollector } = await load('controllers/garbagecollector/controller.ts');
const deploymentClaim = await load('controllers/deployment/claim.ts');
const { DeploymentController } = await load('controllers/deployment/controller.ts');

type Handlers = { onAdd?: (o: unknown) => void; onUpdate?: (a: unknown, b: unknown) => void; onDelete?: (o: unknown) => void };
interface FakeInformer { cache: InstanceType<typeof Cache>; lister: unknown; handlers: Handlers[] }

/** informerFor as the factory has it: one cache per resource, indexers added to it. */
class FakeInformers {
  readonly byPlural = new Map<string, FakeInformer>();
  informerFor(ref: { plural: string }, f: { indexers?: Record<string, unknown> } = {}) {
    let inf = this.byPlural.get(ref.plural);
    if (!inf) {
      const cache = new Cache();
      inf = { cache, lister: newLister(cache), handlers: [] };
      this.byPlural.set(ref.plural, inf);
    }
    if (f.indexers) inf.cache.addIndexers(f.indexers);
    const i = inf;
    return { lister: i.lister, addIndexers: (x: Record<string, unknown>) => i.cache.addIndexers(x), addEventHandler: (h: Handlers) => { i.handlers.push(h); } };
  }
  cache(plural: string) { return this.byPlural.get(plural)!.cache; }
}

const informers = new FakeInformers();
const writes = { status: 0, other: 0 };
/** Every call answers at once; a status write goes back into the cache with a new resourceVersion. */
const client = {
  resource: (ref: { plural: string }) => {
    const ops = {
      namespace: () => ops,
      get: async (name: string) => informers.cache(ref.plural).get(`${NS}/${name}`),
      updateStatus: async (o: { metadata: { resourceVersion?: string } }) => {
        writes.status++;
        const next = { ...o, metadata: { ...o.metadata, resourceVersion: String(Number(o.metadata.resourceVersion ?? 0) + 1) } };
        informers.cache(ref.plural).put(deepFreeze(next));
        return next;
      },
      update: async (o: unknown) => { writes.other++; if (process.env.DEBUG) console.error("update", ref.plural, JSON.stringify(o).slice(0, 200)); return o; },
      patch: async (...a: unknown[]) => { writes.other++; if (process.env.DEBUG) console.error("patch", ref.plural, JSON.stringify(a).slice(0, 300)); return {}; },
      create: async (o: unknown) => { writes.other++; if (process.env.DEBUG) console.error("create", ref.plural, JSON.stringify(o).slice(0, 200)); return o; },
      delete: async (...a: unknown[]) => { writes.other++; if (process.env.DEBUG) console.error("delete", ref.plural, JSON.stringify(a)); return {}; },
    };
    return ops;
  },
};
const clock = new FakeClock(new Date('2026-01-01T00:10:00Z'));
const ctx = {
  client, transport: {}, informers, clock, names: fakeNames(), recorder: () => new FakeEventRecorder(), log: () => {},
  options: { workers: 1, nodeMonitorGracePeriodMs: 40_000, nodeMonitorPeriodMs: 5_000, clusterCIDR: '10.244.0.0/16', nodeCIDRMaskSize: 24 },
};
const rsCtrl = new ReplicaSetController(ctx);
const gc = new GarbageCollector(ctx);
const dCtrl = new DeploymentController(ctx);

const perRS = Math.floor(PODS / RSS);
const readySince = '2026-01-01T00:05:00Z';
function makePod(i: number, rs: ReplicaSet, rv: number): Pod {
  const name = `${rs.metadata!.name}-${i.toString(36).padStart(5, '0')}`;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: NS, uid: `pod-uid-${i}`, resourceVersion: String(rv), creationTimestamp: '2026-01-01T00:01:00Z',
      labels: { ...rs.spec!.selector!.matchLabels! },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata!.name!, uid: rs.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: { nodeName: `node-${i % 1000}`, containers: [{ name: 'c', image: 'nginx' }] },
    status: {
      phase: 'Running', hostIP: '10.0.0.1', podIP: '10.244.0.2', startTime: '2026-01-01T00:02:00Z',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready', 'PodScheduled']
        .map((type) => ({ type, status: 'True', lastTransitionTime: readySince })),
      containerStatuses: [{ name: 'c', image: 'nginx', imageID: 'x', ready: true, restartCount: 0, started: true, state: { running: { startedAt: readySince } } }],
    },
  };
}

const rsList: ReplicaSet[] = [];
for (let r = 0; r < RSS; r++) {
  const d: Deployment = {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: `d${r}`, namespace: NS, uid: `d-uid-${r}`, generation: 1, resourceVersion: '1' },
    spec: { replicas: perRS, selector: { matchLabels: { app: `d${r}` } }, template: { metadata: { labels: { app: `d${r}` } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  };
  informers.cache('deployments').put(deepFreeze(d));
  const labels = { app: `d${r}`, 'pod-template-hash': `h${r}` };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: {
      name: `d${r}-h${r}`, namespace: NS, uid: `rs-uid-${r}`, generation: 1, resourceVersion: '1', labels,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: `d${r}`, uid: `d-uid-${r}`, controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas: perRS, minReadySeconds: MIN_READY, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  };
  rsList.push(rs);
  informers.cache('replicasets').put(deepFreeze(rs));
}
let n = 0;
for (const rs of rsList) for (let i = 0; i < perRS; i++) informers.cache('pods').put(deepFreeze(makePod(n++, rs, 1)));

const rows: { phase: string; perOpMs: number; ops: number }[] = [];
async function time(phase: string, ops: number, fn: (i: number) => unknown): Promise<void> {
  for (let i = 0; i < Math.min(20, ops); i++) await fn(i); // warm up
  const t0 = performance.now();
  for (let i = 0; i < ops; i++) await fn(i);
  rows.push({ phase, perOpMs: (performance.now() - t0) / ops, ops });
}

const rs0 = rsList[0];
const key0 = `${NS}/${rs0.metadata!.name}`;
await rsCtrl.sync(key0); // the first sync writes status; later ones find it unchanged
const statusWrites = writes.status;
await time('rs sync', ITER, () => rsCtrl.sync(key0));
if (writes.status !== statusWrites || writes.other) console.error(`warning: steady state wrote (status ${writes.status - statusWrites}, other ${writes.other})`);

const own = (informers.cache('pods').list() as Pod[]).filter((p) => p.metadata!.ownerReferences![0].uid === rs0.metadata!.uid && isPodActive(p));
const cachedRS0 = informers.cache('replicasets').get(key0);
await time('rs status', ITER, () => calculateStatus(cachedRS0, own, undefined, clock.now().getTime()));

const podCache = informers.cache('pods');
const podHandlers = informers.byPlural.get('pods')!.handlers;
let rv = 2;
await time('pod event', ITER * 50, (i) => {
  const old = podCache.get(`${NS}/${own[i % own.length].metadata!.name}`);
  const cur = deepFreeze({ ...old, metadata: { ...old.metadata, resourceVersion: String(rv++) } });
  podCache.put(cur);
  for (const h of podHandlers) h.onUpdate?.(old, cur);
});
rsCtrl.queue.shutDown?.();

if (deploymentClaim.claimReplicaSets) {
  const cachedD = informers.cache('deployments').get(`${NS}/d0`);
  const s = { deps: dCtrl.deps, d: structuredClone(cachedD) };
  await time('deploy claim', ITER, () => deploymentClaim.claimReplicaSets(s));
  const claimed = await deploymentClaim.claimReplicaSets(s);
  // Recreate only: the pods of each claimed ReplicaSet.
  await time('deploy pods', ITER, () => deploymentClaim.podsByReplicaSet(s, claimed));
}

await time('gc rs', ITER, () => gc.reconcile(rs0.metadata!.uid));

console.log(`root ${root}: ${PODS} pods in ${RSS} ReplicaSets (${perRS} each), one namespace, minReadySeconds ${MIN_READY}`);
console.table(rows.map((r) => ({ phase: r.phase, 'ms/op': Number(r.perOpMs.toFixed(4)), ops: r.ops })));
console.log(JSON.stringify(Object.fromEntries(rows.map((r) => [r.phase, Number(r.perOpMs.toFixed(4))]))));
