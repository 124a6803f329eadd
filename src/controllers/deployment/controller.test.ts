/**
 * Integration: the Deployment controller's own workers and watches, next to the ReplicaSet
 * controller, against the in-process server, with pods marked Ready by the test (no nodes).
 * Ends when the deployment meets `kubectl rollout status`'s success rules (kubectl-contract §4.7).
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deployment } from 'kubernetes-types/apps/v1.d.ts';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { ensurePKI } from '../../apiserver/pki/ensure.ts';
import { startAPIServer, type RunningAPIServer } from '../../apiserver/server.ts';
import { inProcessTransport } from '../../apiserver/rest/in-process.ts';
import { createClient } from '../../client/client.ts';
import { realClock } from '../../client/clock.ts';
import { newEventRecorder } from '../../client/events.ts';
import { InformerFactory } from '../../client/informer-factory.ts';
import { randomNames } from '../../client/names.ts';
import { DEPLOYMENTS, PODS } from '../../client/resources.ts';
import type { Client } from '../../client/types.ts';
import { rfc3339 } from '../../api/meta.ts';
import { DEFAULT_CONTROLLER_OPTIONS, type ControllerContext } from '../context.ts';
import { entry as replicaSetEntry } from '../replicaset/index.ts';
import { entry } from './index.ts';
import { deployment } from './harness.test-helpers.ts';

let srv: RunningAPIServer;
let client: Client;
const dir = mkdtempSync(join(tmpdir(), 'k8ts-deploy-int-'));
const abort = new AbortController();
let running: Promise<unknown>;

before(async () => {
  srv = await startAPIServer({ dataDir: dir, bindAddress: '127.0.0.1', port: 0, datastore: 'memory:' });
  const transport = inProcessTransport(srv.api);
  client = createClient(transport);
  const informers = new InformerFactory(client, {});
  const ctx: ControllerContext = {
    client, transport, informers, clock: realClock, names: randomNames(), log: () => {},
    recorder: (c) => newEventRecorder(client, c), options: DEFAULT_CONTROLLER_OPTIONS,
  };
  const controllers = [entry.create(ctx), replicaSetEntry.create(ctx)];
  // Stands in for kubelets: every pod is Running and Ready as soon as it exists.
  informers.informerFor<Pod>(PODS).addEventHandler({
    onAdd: (p) => void markReady(p.metadata!.namespace!, p.metadata!.name!),
  });
  informers.start(abort.signal);
  await informers.waitForSync(abort.signal);
  running = Promise.all(controllers.map((c) => c.run(abort.signal)));
});

after(async () => {
  abort.abort();
  await running;
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

async function markReady(ns: string, name: string): Promise<void> {
  const pods = client.resource<Pod>(PODS).namespace(ns);
  try {
    const p = await pods.get(name);
    const now = rfc3339(new Date());
    const status: Pod['status'] = {
      phase: 'Running', startTime: now, podIP: '10.244.0.9',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }, { type: 'ContainersReady', status: 'True', lastTransitionTime: now }],
    };
    await pods.updateStatus({ ...p, status });
  } catch { /* deleted meanwhile */ }
}

/** kubectl rollout status's rules for "successfully rolled out". */
function rolledOut(d: Deployment): boolean {
  const s = d.status ?? {};
  if ((s.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) return false;
  if (s.conditions?.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) return false;
  const want = d.spec?.replicas ?? 1;
  return (s.updatedReplicas ?? 0) >= want && (s.replicas ?? 0) <= (s.updatedReplicas ?? 0) && (s.availableReplicas ?? 0) >= (s.updatedReplicas ?? 0);
}

async function waitFor<T>(what: string, f: () => Promise<T | undefined>): Promise<T> {
  const deadline = performance.now() + 8000;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

it('creates, rolls out and re-rolls a deployment through both controllers', async () => {
  const deployments = client.resource<Deployment>(DEPLOYMENTS).namespace('default');
  await deployments.create(deployment('web', 3, 'nginx:1'));
  const done = async () => { const d = await deployments.get('web'); return rolledOut(d) && d.spec?.replicas === d.status?.replicas ? d : undefined; };
  const d1 = await waitFor('first rollout', done);
  assert.equal(d1.status?.conditions?.find((c) => c.type === 'Progressing')?.reason, 'NewReplicaSetAvailable');

  // `kubectl rollout restart`: a template annotation, hence a new template and ReplicaSet.
  await deployments.patch('web', 'application/strategic-merge-patch+json', { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:00Z' } } } } });
  const d2 = await waitFor('restart rollout', async () => {
    const d = await done();
    return d && d.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '2' ? d : undefined;
  });
  assert.equal(d2.status?.availableReplicas, 3);
  const pods = (await client.resource<Pod>(PODS).namespace('default').list({ labelSelector: 'app=web' })).items.filter((p) => !p.metadata?.deletionTimestamp);
  assert.equal(pods.length, 3);
  assert.ok(pods.every((p) => p.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']), 'every pod is from the new template');
});

const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
it('satisfies the real kubectl rollout status and history', { skip: !existsSync(KUBECTL) && 'no kubectl' }, async () => {
  const { adminToken } = await ensurePKI(dir);
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, JSON.stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'k',
    clusters: [{ name: 'k', cluster: { server: srv.url, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'k', user: { token: adminToken } }],
    contexts: [{ name: 'k', context: { cluster: 'k', user: 'k', namespace: 'default' } }],
  }));
  const kubectl = (...args: string[]) => promisify(execFile)(KUBECTL, ['--kubeconfig', kubeconfig, ...args]);
  const { stdout } = await kubectl('rollout', 'status', 'deployment/web', '--timeout=5s');
  assert.equal(stdout.trim(), 'deployment "web" successfully rolled out');
  const hist = await kubectl('rollout', 'history', 'deployment/web');
  assert.match(hist.stdout, /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);

  await kubectl('rollout', 'undo', 'deployment/web');
  const deployments = client.resource<Deployment>(DEPLOYMENTS).namespace('default');
  await waitFor('undo rollout', async () => {
    const d = await deployments.get('web');
    return rolledOut(d) && d.status?.replicas === 3 && d.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '3' ? d : undefined;
  });
  const after = await kubectl('rollout', 'history', 'deployment/web');
  // The first RS came back as revision 3 (kubectl's template has `resources: {}` that the stored one lacks).
  assert.match(after.stdout, /REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>\n\n$/);
});
