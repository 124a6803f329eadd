/**
 * Reconcile-test harness: a real in-process API server (memory store), shared informers on a
 * FakeClock, and a DeploymentController whose `sync` the test calls directly. `settle()`
 * waits (polling with a deadline, no sleeps) until the informer caches hold exactly what the
 * server holds, so each sync sees the previous one's writes. ReplicaSet status is faked with
 * `markRS` (no ReplicaSet controller needed).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deployment, DeploymentStrategy, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { startAPIServer, type RunningAPIServer } from '../../apiserver/server.ts';
import { inProcessTransport } from '../../apiserver/rest/in-process.ts';
import { createClient } from '../../client/client.ts';
import { FakeClock } from '../../client/clock.ts';
import { FakeEventRecorder } from '../../client/events.ts';
import { InformerFactory } from '../../client/informer-factory.ts';
import { fakeNames } from '../../client/names.ts';
import { DEPLOYMENTS, PODS, REPLICASETS } from '../../client/resources.ts';
import type { Client, ObjectLike, ResourceClient } from '../../client/types.ts';
import type { Lister } from '../../client/lister.ts';
import { DEFAULT_CONTROLLER_OPTIONS, type ControllerContext } from '../context.ts';
import { DeploymentController } from './controller.ts';
import { REVISION_ANNOTATION } from './util/constants.ts';

export const NS = 'default';

export class Harness {
  srv!: RunningAPIServer;
  dir = mkdtempSync(join(tmpdir(), 'k8ts-deploy-'));
  client!: Client;
  clock = new FakeClock();
  events = new FakeEventRecorder();
  ctl!: DeploymentController;
  #abort = new AbortController();

  async start(): Promise<this> {
    this.srv = await startAPIServer({ dataDir: this.dir, bindAddress: '127.0.0.1', port: 0, datastore: 'memory:' });
    const transport = inProcessTransport(this.srv.api);
    this.client = createClient(transport);
    const informers = new InformerFactory(this.client, { clock: this.clock });
    const ctx: ControllerContext = {
      client: this.client, transport, informers, clock: this.clock, names: fakeNames(), log: () => {},
      recorder: () => this.events, options: DEFAULT_CONTROLLER_OPTIONS,
    };
    this.ctl = new DeploymentController(ctx);
    informers.start(this.#abort.signal);
    await informers.waitForSync(this.#abort.signal);
    return this;
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    this.ctl.queue.shutDown();
    await this.srv.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  get deployments(): ResourceClient<Deployment> { return this.client.resource<Deployment>(DEPLOYMENTS).namespace(NS); }
  get replicaSets(): ResourceClient<ReplicaSet> { return this.client.resource<ReplicaSet>(REPLICASETS).namespace(NS); }
  get pods(): ResourceClient<Pod> { return this.client.resource<Pod>(PODS).namespace(NS); }

  /** Waits until every lister holds exactly the server's objects (by resourceVersion). */
  async settle(): Promise<void> {
    const pairs: [ResourceClient<ObjectLike>, Lister<ObjectLike>][] = [
      [this.deployments, this.ctl.deps.deployments], [this.replicaSets, this.ctl.deps.replicaSets], [this.pods, this.ctl.deps.pods],
    ] as never;
    const want = await Promise.all(pairs.map(async ([c]) => new Map((await c.list()).items.map((o) => [o.metadata!.name!, o.metadata!.resourceVersion]))));
    const deadline = performance.now() + 5000;
    for (;;) {
      const ok = pairs.every(([, l], i) => {
        const have = l.namespace(NS).list();
        return have.length === want[i].size && have.every((o) => want[i].get(o.metadata!.name!) === o.metadata!.resourceVersion);
      });
      if (ok) return;
      if (performance.now() > deadline) throw new Error('informer caches did not catch up');
      await new Promise((r) => setImmediate(r));
    }
  }

  async sync(name: string) {
    await this.settle();
    const r = await this.ctl.sync(`${NS}/${name}`);
    await this.settle();
    return r;
  }

  /** Fakes the ReplicaSet controller: status.replicas = spec.replicas, `available(rs)` of them ready and available. */
  async markRS(available: (rs: ReplicaSet) => number = (rs) => rs.spec?.replicas ?? 0): Promise<void> {
    for (const rs of (await this.replicaSets.list()).items) {
      const n = rs.spec?.replicas ?? 0;
      const a = Math.min(n, available(rs));
      await this.replicaSets.updateStatus({ ...rs, status: { replicas: n, readyReplicas: a, availableReplicas: a, fullyLabeledReplicas: n, observedGeneration: rs.metadata?.generation } });
    }
  }

  /** RS sizes by revision: { '1': 3, '2': 1 }. */
  async sizes(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const rs of (await this.replicaSets.list()).items) out[rs.metadata?.annotations?.[REVISION_ANNOTATION] ?? '?'] = rs.spec?.replicas ?? 0;
    return out;
  }
}

export function deployment(name: string, replicas: number, image: string, strategy: DeploymentStrategy = {}): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name, namespace: NS },
    spec: {
      replicas, selector: { matchLabels: { app: name } }, strategy,
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image }] } },
    },
  };
}

/** Syncs and fakes RS status until the deployment reports NewReplicaSetAvailable for its current generation. */
export async function rollOut(h: Harness, name: string, maxSteps = 30): Promise<Deployment> {
  for (let i = 0; i < maxSteps; i++) {
    await h.sync(name);
    const d = await h.deployments.get(name);
    const p = d.status?.conditions?.find((c) => c.type === 'Progressing');
    if (p?.reason === 'NewReplicaSetAvailable' && d.status?.observedGeneration === d.metadata?.generation &&
      d.status?.updatedReplicas === d.spec?.replicas && d.status?.replicas === d.spec?.replicas) return d;
    await h.markRS();
  }
  throw new Error(`${name} did not roll out in ${maxSteps} steps`);
}

export async function setImage(h: Harness, name: string, image: string, annotations?: Record<string, string>): Promise<void> {
  const d = await h.deployments.get(name);
  d.spec!.template.spec!.containers[0].image = image;
  if (annotations) d.metadata!.annotations = { ...d.metadata!.annotations, ...annotations };
  await h.deployments.update(d);
}
