/**
 * Issue 3's tutorial flow with the real kubectl against a whole control plane (controllers,
 * scheduler) and three simulated nodes: deployments that heal, scale and roll, scheduling
 * as asked, and node loss. Grace periods are short so node loss takes seconds.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Pod, Node } from 'kubernetes-types/core/v1.d.ts';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { startTestCluster, type TestCluster } from '../harness.ts';
import { REPLICASETS } from '../../src/client/resources.ts';
import { createClient } from '../../src/client/client.ts';
import { inProcessTransport } from '../../src/apiserver/rest/in-process.ts';

const GRACE_MS = 2000;

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'cli', 'main.ts');

/** Runs the k8ts CLI (as a user would) and returns its output; fails the test on a non-zero exit. */
function runCli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => execFile(process.execPath, ['--disable-warning=ExperimentalWarning', MAIN, ...args], { timeout: 30_000 },
    (err, stdout, stderr) => (err ? reject(new Error(`k8ts ${args.join(' ')}: ${stderr}${stdout}`)) : resolve(stdout + stderr))));
}

/** Polls `fn` until it returns a truthy value (or stops throwing), with a deadline. */
async function eventually<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const t0 = Date.now();
  let last: unknown;
  for (;;) {
    try { const v = await fn(); if (v) return v; last = v; } catch (e) { last = e; }
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function clusterSuite(version: string) {
  describe(`kubectl ${version} with controllers, scheduler and 3 simulated nodes`, () => {
    let c: TestCluster;
    const k = async (args: string[], opts: { env?: Record<string, string>; ok?: boolean } = {}) => {
      const r = await c.kubectl(version, args, opts);
      if (opts.ok !== false) assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed: ${r.stderr}${r.stdout}`);
      return r;
    };
    /** `rollout status`, and on failure what the controllers left behind, to make a failure readable. */
    const rolloutStatus = async (name: string) => {
      const r = await c.kubectl(version, ['rollout', 'status', `deployment/${name}`, '--timeout=90s']);
      if (r.code !== 0) {
        const dump = await Promise.all([['get', 'rs', '-o', 'wide'], ['get', 'pods', '-o', 'wide'], ['get', 'deploy', name, '-o', 'jsonpath={.status}'], ['get', 'rs', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.spec.replicas} {.status}{"\\n"}{end}']].map((a) => c.kubectl(version, a)));
        assert.fail(`rollout status ${name} failed: ${r.stderr}${r.stdout.split('\n').slice(-3).join('\n')}\n${dump.map((d) => d.stdout).join('\n')}`);
      }
      return r.stdout;
    };
    const json = async (args: string[]) => JSON.parse((await k([...args, '-o', 'json'])).stdout);
    const file = (name: string, text: string) => { const p = join(c.dataDir, name); writeFileSync(p, text); return p; };
    const pods = async (selector: string): Promise<Pod[]> => (await json(['get', 'pods', '-l', selector])).items;
    const live = (ps: Pod[]) => ps.filter((p) => !p.metadata?.deletionTimestamp);
    const running = (ps: Pod[]) => live(ps).filter((p) => p.status?.phase === 'Running');

    before(async () => {
      c = await startTestCluster({ cluster: { simulatedNodes: 3, simStartDelayMs: 50, simLeaseRenewIntervalMs: GRACE_MS / 4, controllers: { nodeMonitorGracePeriodMs: GRACE_MS, nodeMonitorPeriodMs: 250 } } });
      await eventually('3 Ready nodes', async () => {
        const nodes: Node[] = (await json(['get', 'nodes'])).items;
        return nodes.length === 3 && nodes.every((n) => n.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') && n.spec?.podCIDR);
      });
    });
    after(async () => { await c?.stop(); });

    it('creates a deployment that reaches 1/1, then 2 Running pods after edit', async () => {
      await k(['create', 'deployment', 'web', '--image=nginx:1.27']);
      assert.match((await k(['rollout', 'status', 'deployment/web', '--timeout=60s'])).stdout, /deployment "web" successfully rolled out/);
      assert.match((await k(['get', 'deploy', 'web'])).stdout, /^web\s+1\/1\s+1\s+1\s/m);
      const editor = file('editor.sh', '#!/bin/sh\nsed -i "s/replicas: 1$/replicas: 2/" "$1"\n');
      chmodSync(editor, 0o755);
      await k(['edit', 'deployment', 'web'], { env: { KUBE_EDITOR: editor } });
      const ps = await eventually('2 Running pods', async () => { const r = running(await pods('app=web')); return r.length === 2 && r; });
      assert.ok(ps.every((p) => /^web-[a-z0-9]+-[a-z0-9]{5}$/.test(p.metadata!.name!)), 'pod names <deployment>-<hash>-<5>');
      assert.notEqual(ps[0].status!.podIP, ps[1].status!.podIP);
      assert.match((await k(['get', 'pods', '-l', 'app=web'])).stdout, /web-\S+\s+1\/1\s+Running\s+0/);
    });

    it('says why a simulated node\'s pod has no logs, exec or port-forward', async () => {
      const [pod] = running(await pods('app=web'));
      const name = pod.metadata!.name!;
      for (const args of [['logs', name], ['exec', name, '--', 'true'], ['port-forward', name, '0:80']]) {
        const r = await k(args, { ok: false });
        assert.notEqual(r.code, 0, `kubectl ${args[0]} must fail`);
        // port-forward prints an upgrade's refusal as "error upgrading connection: <message>".
        assert.match(r.stderr, new RegExp(`(Error from server \\(BadRequest\\)|error upgrading connection): node "${pod.spec!.nodeName}" is a simulated node .*its pods run no containers`), `kubectl ${args[0]}`);
      }
    });

    it('replaces a deleted pod with a new name', async () => {
      const before = running(await pods('app=web')).map((p) => p.metadata!.name!);
      await k(['delete', 'pod', before[0]]);
      const after = await eventually('a replacement', async () => {
        const names = running(await pods('app=web')).map((p) => p.metadata!.name!);
        return names.length === 2 && !names.includes(before[0]) && names;
      });
      assert.ok(after.includes(before[1]));
    });

    it('scales to 10 across all 3 nodes', async () => {
      await k(['scale', 'deployment', 'web', '--replicas=10']);
      const ps = await eventually('10 Running', async () => { const r = running(await pods('app=web')); return r.length === 10 && r; });
      const perNode = new Map<string, number>();
      for (const p of ps) perNode.set(p.spec!.nodeName!, (perNode.get(p.spec!.nodeName!) ?? 0) + 1);
      assert.equal(perNode.size, 3, `spread: ${JSON.stringify([...perNode])}`);
      assert.ok(Math.max(...perNode.values()) - Math.min(...perNode.values()) <= 2, `balanced: ${JSON.stringify([...perNode])}`);
    });

    it('rolls out a new image within maxSurge/maxUnavailable, then history, undo, pause/resume and restart', async () => {
      // Watch every ReplicaSet of the deployment through the rollout: 10 replicas, 25%/25% →
      // at most 13 pods wanted (surge rounds up) and at least 8 available (unavailable rounds down).
      // The floor holds from a complete deployment: the pods of the scale to 10 may be Running
      // before their ReplicaSet's status counts them available.
      await rolloutStatus('web');
      const client = createClient(inProcessTransport(c.server.api));
      const rsWatch = await client.resource<ReplicaSet>(REPLICASETS).namespace('default').watch({ labelSelector: 'app=web', resourceVersion: '0' });
      const state = new Map<string, ReplicaSet>();
      const violations: string[] = [];
      const seen: string[] = [];
      const watching = (async () => {
        for await (const ev of rsWatch) {
          if (ev.type === 'ERROR' || ev.type === 'BOOKMARK') continue;
          const rs = ev.object as ReplicaSet;
          if (ev.type === 'DELETED') state.delete(rs.metadata!.name!); else state.set(rs.metadata!.name!, rs);
          const wanted = [...state.values()].reduce((n, r) => n + (r.spec?.replicas ?? 0), 0);
          const available = [...state.values()].reduce((n, r) => n + (r.status?.availableReplicas ?? 0), 0);
          seen.push(`${ev.type} ${rs.metadata!.name} spec=${rs.spec?.replicas} avail=${rs.status?.availableReplicas ?? 0} gen=${rs.metadata?.generation}/${rs.status?.observedGeneration}`);
          if (wanted > 13) violations.push(`wanted ${wanted} > 13`);
          if (state.size > 1 && available < 8) violations.push(`available ${available} < 8 after ${ev.type} ${rs.metadata!.name}`);
        }
      })();
      await k(['set', 'image', 'deployment/web', 'nginx=nginx:1.28']);
      assert.match(await rolloutStatus('web'), /successfully rolled out/);
      rsWatch.close();
      await watching;
      assert.deepEqual(violations, [], `ReplicaSet events seen:\n${seen.join('\n')}`);
      const imgs = running(await pods('app=web')).map((p) => p.spec!.containers[0].image);
      assert.deepEqual([...new Set(imgs)], ['nginx:1.28']);

      const hist = (await k(['rollout', 'history', 'deployment/web'])).stdout;
      assert.match(hist, /^1\s/m);
      assert.match(hist, /^2\s/m);
      await k(['rollout', 'undo', 'deployment/web']);
      await rolloutStatus('web');
      const d = await json(['get', 'deploy', 'web']);
      assert.equal(d.spec.template.spec.containers[0].image, 'nginx:1.27');
      assert.equal(d.metadata.annotations['deployment.kubernetes.io/revision'], '3');

      await k(['rollout', 'pause', 'deployment/web']);
      await k(['set', 'image', 'deployment/web', 'nginx=nginx:1.29']);
      const paused = await json(['get', 'deploy', 'web']);
      await eventually('paused status observed', async () => (await json(['get', 'deploy', 'web'])).status.observedGeneration >= paused.metadata.generation);
      assert.ok(running(await pods('app=web')).every((p) => p.spec!.containers[0].image === 'nginx:1.27'), 'no rollout while paused');
      await k(['rollout', 'resume', 'deployment/web']);
      await rolloutStatus('web');
      await eventually('1.29 everywhere', async () => { const r = running(await pods('app=web')); return r.length === 10 && r.every((p) => p.spec!.containers[0].image === 'nginx:1.29'); });

      await k(['rollout', 'restart', 'deployment/web']);
      await rolloutStatus('web');
      const restarted = await json(['get', 'deploy', 'web']);
      assert.ok(restarted.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']);
    });

    it('deletes a deployment with its ReplicaSets and pods, or orphans them', async () => {
      await k(['delete', 'deployment', 'web']);
      await eventually('pods and ReplicaSets gone', async () =>
        (await pods('app=web')).length === 0 && (await json(['get', 'rs', '-l', 'app=web'])).items.length === 0);
      await k(['create', 'deployment', 'keep', '--image=nginx', '--replicas=2']);
      await eventually('2 Running', async () => running(await pods('app=keep')).length === 2);
      await k(['delete', 'deployment', 'keep', '--cascade=orphan']);
      await eventually('deployment gone', async () => (await k(['get', 'deploy', 'keep'], { ok: false })).code !== 0);
      const rs = (await json(['get', 'rs', '-l', 'app=keep'])).items;
      assert.equal(rs.length, 1);
      assert.equal(rs[0].metadata.ownerReferences, undefined);
      assert.equal(running(await pods('app=keep')).length, 2);
    });

    it('explains an unschedulable pod as Kubernetes does', async () => {
      await k(['apply', '-f', file('big.yml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: "100"\n')]);
      const desc = await eventually('FailedScheduling', async () => { const d = (await k(['describe', 'pod', 'big'])).stdout; return /FailedScheduling/.test(d) && d; });
      assert.match(desc, /0\/3 nodes are available: 3 Insufficient cpu\./);
      assert.match((await k(['get', 'pod', 'big'])).stdout, /big\s+0\/1\s+Pending/);
      await k(['delete', 'pod', 'big']);
    });

    it('places pods by nodeSelector, taints, affinity and anti-affinity', async () => {
      await k(['label', 'node', 'sim-1', 'disk=ssd']);
      await k(['taint', 'node', 'sim-2', 'dedicated=infra:NoSchedule']);
      const podYaml = (name: string, spec: string, labels = `app: ${name}`) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels:\n    ${labels}\nspec:\n${spec}  containers:\n  - name: c\n    image: nginx\n`;
      await k(['apply', '-f', file('sel.yml', podYaml('on-ssd', '  nodeSelector:\n    disk: ssd\n'))]);
      await k(['apply', '-f', file('tol.yml', podYaml('infra', '  nodeSelector:\n    kubernetes.io/hostname: sim-2\n  tolerations:\n  - key: dedicated\n    operator: Equal\n    value: infra\n    effect: NoSchedule\n'))]);
      await k(['apply', '-f', file('aff.yml', podYaml('near-ssd', '  affinity:\n    podAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n      - labelSelector:\n          matchLabels:\n            app: on-ssd\n        topologyKey: kubernetes.io/hostname\n'))]);
      const nodeOf = async (name: string) => eventually(`${name} Running`, async () => { const p = await json(['get', 'pod', name]); return p.status.phase === 'Running' && p.spec.nodeName; });
      assert.equal(await nodeOf('on-ssd'), 'sim-1');
      assert.equal(await nodeOf('infra'), 'sim-2');
      assert.equal(await nodeOf('near-ssd'), 'sim-1');
      // Required anti-affinity on hostname: 3 replicas, but sim-2 is tainted → 2 placed, 1 Pending.
      const anti = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: spread\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: spread\n  template:\n    metadata:\n      labels:\n        app: spread\n    spec:\n      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - labelSelector:\n              matchLabels:\n                app: spread\n            topologyKey: kubernetes.io/hostname\n      containers:\n      - name: c\n        image: nginx\n`;
      await k(['apply', '-f', file('anti.yml', anti)]);
      const placed = await eventually('2 spread pods Running, 1 Pending', async () => {
        const ps = live(await pods('app=spread'));
        const r = ps.filter((p) => p.status?.phase === 'Running');
        return ps.length === 3 && r.length === 2 && r;
      });
      assert.deepEqual(placed.map((p) => p.spec!.nodeName).sort(), ['sim-1', 'sim-3']);
      await k(['delete', 'deployment', 'spread']);
      await k(['delete', 'pod', 'on-ssd', 'infra', 'near-ssd']);
      await k(['taint', 'node', 'sim-2', 'dedicated-']);
    });

    it('evicts pods from a lost node and reschedules them elsewhere', async () => {
      const dep = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ha\nspec:\n  replicas: 6\n  selector:\n    matchLabels:\n      app: ha\n  template:\n    metadata:\n      labels:\n        app: ha\n    spec:\n      tolerations:\n      - key: node.kubernetes.io/unreachable\n        operator: Exists\n        effect: NoExecute\n        tolerationSeconds: 1\n      - key: node.kubernetes.io/not-ready\n        operator: Exists\n        effect: NoExecute\n        tolerationSeconds: 1\n      containers:\n      - name: c\n        image: nginx\n`;
      await k(['apply', '-f', file('ha.yml', dep)]);
      const ps = await eventually('6 Running', async () => { const r = running(await pods('app=ha')); return r.length === 6 && r; });
      const victim = ps[0].spec!.nodeName!;
      const port = new URL(c.url).port;
      const node = (verb: string) => runCli(['node', verb, victim, '--data-dir', c.dataDir, '--api-port', port]);
      assert.match(await node('stop'), new RegExp(victim));
      const t0 = Date.now();
      await eventually(`${victim} NotReady and tainted`, async () => {
        const n = await json(['get', 'node', victim]);
        return n.status.conditions.some((x: { type: string; status: string }) => x.type === 'Ready' && x.status === 'Unknown')
          && n.spec.taints?.some((t: { key: string; effect: string }) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute');
      });
      assert.match((await k(['get', 'nodes'])).stdout, new RegExp(`^${victim}\\s+NotReady`, 'm'));
      await eventually('6 Running on the other nodes', async () => {
        const r = running(await pods('app=ha'));
        return r.length === 6 && r.every((p) => p.spec!.nodeName !== victim);
      });
      assert.ok(Date.now() - t0 < GRACE_MS + 1000 + 15_000, 'within grace + toleration (+ slack)');
      assert.match(await node('start'), new RegExp(victim));
      await eventually(`${victim} Ready again, evicted pods gone`, async () => {
        const n = await json(['get', 'node', victim]);
        const ready = n.status.conditions.some((x: { type: string; status: string }) => x.type === 'Ready' && x.status === 'True');
        return ready && (await pods('app=ha')).filter((p) => p.spec!.nodeName === victim).every((p) => !p.metadata?.deletionTimestamp);
      });
      await k(['delete', 'deployment', 'ha']);
    });
  });
}

