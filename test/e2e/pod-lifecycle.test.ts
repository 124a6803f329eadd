/**
 * Issue 6 on real containers (kubectl 1.33): probes, init containers and native sidecars (the
 * sidecar, adapter and ambassador patterns), hooks, grace periods, termination messages,
 * activeDeadlineSeconds and Completed/Error, each asserted through `get pods`, `describe`
 * (events) and the pod's status. The cases run side by side with short probe periods.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import { startTestCluster, type TestCluster } from '../harness.ts';
import { eventually, nodeMissing, uniqueClusterCIDR } from './node-env.ts';

const V = '1.33';
const BB = 'busybox:1.36';
const WEB = 'docker.io/k8ts/web:1';
// The eleven cases start some 25 pods at once beside another test file on two cores: a case that
// takes 12 s alone took 33 s in CI, most of it the pods' start. Waits that include a pod's start
// allow for that; a behaviour that never comes still fails them.
const WAIT = 60_000;

describe('pod lifecycle on a real node', { skip: nodeMissing(), concurrency: true }, () => {
  let c: TestCluster;
  const k = async (args: string[], o: { ok?: boolean; input?: string } = {}) => {
    const r = await c.kubectl(V, args, { input: o.input });
    if (o.ok !== false) assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed: ${r.stderr}${r.stdout}`);
    return r;
  };
  const apply = (obj: object) => k(['apply', '-f', '-'], { input: JSON.stringify(obj) });
  const pod = (name: string, spec: Partial<Pod['spec']> & { containers: Container[] }) =>
    apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { test: name } }, spec: { terminationGracePeriodSeconds: 2, ...spec } });
  const getPod = async (name: string): Promise<Pod> => JSON.parse((await k(['get', 'pod', name, '-o', 'json'])).stdout);
  const row = async (name: string) => (await k(['get', 'pod', name, '--no-headers'])).stdout;
  // The last row read goes into the timeout's message: a failure then says where the pod stood.
  const waitRow = (name: string, re: RegExp, ms = WAIT) => eventually(`${name} ${re}`, async () => {
    const r = await row(name);
    if (re.test(r)) return true;
    throw new Error(`last row: ${r.trim()}`);
  }, ms);
  const describePod = async (name: string) => (await k(['describe', 'pod', name])).stdout;
  const waitEvent = (name: string, re: RegExp, ms = WAIT) => eventually(`${name} event ${re}`, async () => re.test(await describePod(name)), ms);
  const ctr = (name: string, command: string, extra: Partial<Container> = {}): Container =>
    ({ name, image: BB, imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', command], ...extra });

  before(async () => {
    c = await startTestCluster({ cluster: { node: { kubeletPort: 0 }, controllers: { clusterCIDR: uniqueClusterCIDR() } } });
    await eventually('the node Ready', async () => /\sReady\s/.test((await k(['get', 'nodes', '--no-headers'])).stdout), 60_000);
  });
  after(async () => { await c?.stop(); });

  it('restarts a container whose liveness probe hits a closed port; RESTARTS shows it', async () => {
    await pod('live', { containers: [ctr('app', 'sleep 3600', {
      livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1, failureThreshold: 1 },
    })] });
    await waitRow('live', /^live\s+\d\/1\s+\S+\s+[1-9]\d*/);
    const d = await describePod('live');
    assert.match(d, /Warning\s+Unhealthy\s+.*Liveness probe failed: dial tcp [\d.]+:8080: connect: connection refused/);
    assert.match(d, /Normal\s+Killing\s+.*Container app failed liveness probe, will be restarted/);
  });

  it('a failing readiness probe leaves the Deployment unavailable and rollout status waiting', async () => {
    const dep = (name: string, path: string) => apply({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
      spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: {
        terminationGracePeriodSeconds: 1,
        containers: [{ name: 'web', image: WEB, imagePullPolicy: 'IfNotPresent', ports: [{ name: 'http', containerPort: 8080 }],
          readinessProbe: { httpGet: { path, port: 'http', httpHeaders: [{ name: 'X-Probe', value: 'yes' }] }, periodSeconds: 1 } }],
      } } },
    });
    await dep('unready', '/does-not-exist');
    await dep('ready', '/');
    const r = await k(['rollout', 'status', 'deployment/unready', '--timeout=5s'], { ok: false });
    assert.notEqual(r.code, 0, 'rollout status must not succeed');
    await k(['rollout', 'status', 'deployment/ready', '--timeout=60s']);
    // Under load the unready pod may still be starting: wait until its probe has failed once.
    const name = await eventually('the unready pod', async () =>
      (JSON.parse((await k(['get', 'pods', '-l', 'app=unready', '-o', 'json'])).stdout).items[0] as Pod | undefined)?.metadata?.name, WAIT);
    await waitEvent(name, /Readiness probe failed: HTTP probe failed with statuscode: 404/);
    const un = await getPod(name);
    assert.ok(un.status?.containerStatuses?.[0].state?.running, 'the container runs');
    assert.equal(un.status?.containerStatuses?.[0].ready, false);
    assert.equal(un.status?.conditions?.find((x) => x.type === 'Ready')?.status, 'False');
    assert.match((await k(['get', 'deployment', 'unready', '--no-headers'])).stdout, /^unready\s+0\/1\s+1\s+0\s/);
  });

  it('a startup probe holds liveness and readiness back until it succeeds', async () => {
    const check = { exec: { command: ['test', '-f', '/tmp/started'] }, periodSeconds: 1, failureThreshold: 1 };
    await pod('slow', { containers: [ctr('app', 'sleep 3; touch /tmp/started; sleep 3600', {
      startupProbe: { ...check, failureThreshold: 30 }, livenessProbe: check, readinessProbe: check,
    })] });
    const early = await eventually('running, not started', async () => { const p = await getPod('slow'); return p.status?.containerStatuses?.[0].state?.running && p; }, WAIT);
    assert.equal(early.status?.containerStatuses?.[0].started, false);
    assert.equal(early.status?.containerStatuses?.[0].ready, false);
    await k(['wait', '--for=condition=Ready', 'pod/slow', '--timeout=30s']);
    const p = await getPod('slow');
    assert.equal(p.status?.containerStatuses?.[0].started, true);
    assert.equal(p.status?.containerStatuses?.[0].restartCount, 0);
  });

  it('shows Init:1/2, Init:Error and Init:CrashLoopBackOff', async () => {
    await pod('init-wait', { initContainers: [ctr('one', 'true'), ctr('two', 'sleep 3600')], containers: [ctr('app', 'sleep 3600')] });
    await pod('init-error', { restartPolicy: 'Never', initContainers: [ctr('bad', 'exit 1')], containers: [ctr('app', 'sleep 3600')] });
    await pod('init-loop', { initContainers: [ctr('bad', 'exit 1')], containers: [ctr('app', 'sleep 3600')] });
    await pod('init-done', { initContainers: [ctr('one', 'true'), ctr('two', 'true')], containers: [ctr('app', 'sleep 3600')] });
    await waitRow('init-wait', /^init-wait\s+0\/1\s+Init:1\/2\s/);
    await waitRow('init-error', /^init-error\s+0\/1\s+Init:Error\s/);
    await waitRow('init-loop', /^init-loop\s+0\/1\s+Init:CrashLoopBackOff\s/);
    await waitRow('init-done', /^init-done\s+1\/1\s+Running\s/);
    assert.equal((await getPod('init-error')).status?.phase, 'Failed');
  });

  it('runs a native sidecar (log shipper) before the app, waiting for its startup probe', async () => {
    const shared = [{ name: 'logs', mountPath: '/var/log/app' }];
    await pod('sidecar', {
      volumes: [{ name: 'logs', emptyDir: {} }],
      initContainers: [ctr('shipper', 'sleep 1; touch /var/log/app/app.log; touch /tmp/up; tail -F /var/log/app/app.log', {
        restartPolicy: 'Always', volumeMounts: shared,
        startupProbe: { exec: { command: ['test', '-f', '/tmp/up'] }, periodSeconds: 1, failureThreshold: 20 },
      })],
      containers: [ctr('app', 'test -f /var/log/app/app.log && echo sidecar-was-up; i=0; while true; do echo line $i >> /var/log/app/app.log; i=$((i+1)); sleep 1; done', { volumeMounts: shared })],
    });
    await waitRow('sidecar', /^sidecar\s+2\/2\s+Running\s/);
    await eventually('app saw the sidecar', async () => /sidecar-was-up/.test((await k(['logs', 'sidecar', '-c', 'app'])).stdout), WAIT);
    await eventually('shipper ships', async () => /line \d+/.test((await k(['logs', 'sidecar', '-c', 'shipper'])).stdout), WAIT);
  });

  it('a sidecar does not keep a Never pod from completing', async () => {
    await pod('sidecar-done', {
      restartPolicy: 'Never',
      initContainers: [ctr('helper', 'sleep 3600', { restartPolicy: 'Always' })],
      containers: [ctr('job', 'echo done')],
    });
    await waitRow('sidecar-done', /^sidecar-done\s+0\/2\s+Completed\s/);
    assert.equal((await getPod('sidecar-done')).status?.phase, 'Succeeded');
  });

  it('runs the adapter and ambassador patterns', async () => {
    const shared = [{ name: 'data', mountPath: '/data' }];
    await pod('adapter', {
      volumes: [{ name: 'data', emptyDir: {} }],
      containers: [
        ctr('app', 'i=0; while true; do echo "$i 42" >> /data/raw; i=$((i+1)); sleep 1; done', { volumeMounts: shared }),
        ctr('adapter', 'touch /data/raw; tail -F /data/raw | while read n v; do echo "metric{seq=\\"$n\\"} $v"; done', { volumeMounts: shared }),
      ],
    });
    await pod('ambassador', {
      initContainers: [ctr('proxy', 'mkdir -p /www; echo via-ambassador > /www/index.html; httpd -f -p 127.0.0.1:9000 -h /www', { restartPolicy: 'Always' })],
      containers: [ctr('app', 'until wget -qO- http://127.0.0.1:9000/; do sleep 0.5; done; sleep 3600')],
    });
    await eventually('adapter output', async () => /metric\{seq="\d+"\} 42/.test((await k(['logs', 'adapter', '-c', 'adapter'])).stdout), WAIT);
    await eventually('ambassador answered', async () => /via-ambassador/.test((await k(['logs', 'ambassador', '-c', 'app'])).stdout), WAIT);
    await waitRow('ambassador', /^ambassador\s+2\/2\s+Running\s/);
  });

  it('runs postStart and preStop hooks and reports their failures', async () => {
    const hostDir = join(c.dataDir, 'hooks');
    mkdirSync(hostDir, { recursive: true });
    await pod('hooks', {
      volumes: [{ name: 'host', hostPath: { path: hostDir } }],
      containers: [ctr('app', 'until test -f /tmp/started-by-hook; do sleep 0.2; done; echo saw-post-start; sleep 3600', {
        volumeMounts: [{ name: 'host', mountPath: '/host' }],
        lifecycle: {
          postStart: { exec: { command: ['sh', '-c', 'touch /tmp/started-by-hook'] } },
          preStop: { exec: { command: ['sh', '-c', 'echo bye > /host/pre-stop'] } },
        },
      })],
    });
    await pod('bad-hooks', { containers: [ctr('app', 'sleep 3600', { lifecycle: {
      postStart: { exec: { command: ['sh', '-c', 'exit 3'] } }, preStop: { httpGet: { port: 1 } },
    } })] });
    await eventually('postStart ran', async () => /saw-post-start/.test((await k(['logs', 'hooks'])).stdout), WAIT);
    await k(['delete', 'pod', 'hooks']);
    assert.equal(readFileSync(join(hostDir, 'pre-stop'), 'utf8'), 'bye\n');
    await waitEvent('bad-hooks', /Warning\s+FailedPostStartHook\s+.*Exec lifecycle hook \(\[sh -c exit 3\]\) for Container "app"/);
    await k(['delete', 'pod', 'bad-hooks', '--wait=false']);
    await eventually('FailedPreStopHook', async () =>
      /FailedPreStopHook\s.*HTTP lifecycle hook/.test((await k(['get', 'events', '--field-selector', 'involvedObject.name=bad-hooks'])).stdout));
  });

  it('gives a SIGTERM-ignoring process its grace period, then kills it; --force is at once', async () => {
    await pod('stubborn', { terminationGracePeriodSeconds: 30, containers: [ctr('app', 'trap "" TERM; sleep 3600 & wait')] });
    await pod('polite', { terminationGracePeriodSeconds: 30, containers: [ctr('app', 'trap "exit 0" TERM; while true; do sleep 0.2; done')] });
    await pod('forced', { terminationGracePeriodSeconds: 30, containers: [ctr('app', 'trap "" TERM; sleep 3600 & wait')] });
    for (const n of ['stubborn', 'polite', 'forced']) await k(['wait', '--for=condition=Ready', `pod/${n}`, '--timeout=60s']);
    const timed = async (args: string[]) => { const t0 = Date.now(); await k(args); return (Date.now() - t0) / 1000; };
    const [stubborn, polite, forced] = await Promise.all([
      timed(['delete', 'pod', 'stubborn', '--grace-period=4']),
      timed(['delete', 'pod', 'polite']),
      timed(['delete', 'pod', 'forced', '--force', '--grace-period=0']),
    ]);
    // Bounds against the pods' own 30 s grace, not against the clock of a busy machine: a delete
    // that ignored --grace-period, SIGTERM or --force would take 30 s or more.
    assert.ok(stubborn >= 4 && stubborn < 25, `stubborn took ${stubborn}s`);
    assert.ok(polite < 25, `polite took ${polite}s`);
    assert.ok(forced < 25, `forced took ${forced}s`);
  });

  it('reports termination messages from the file and from the logs', async () => {
    await pod('msg-file', { restartPolicy: 'Never', containers: [ctr('app', 'printf "all done" > /dev/termination-log; exit 3')] });
    await pod('msg-path', { restartPolicy: 'Never', containers: [ctr('app', 'echo custom > /tmp/msg', { terminationMessagePath: '/tmp/msg' })] });
    await pod('msg-logs', { restartPolicy: 'Never', containers: [ctr('app', 'echo first; echo last words; exit 1', { terminationMessagePolicy: 'FallbackToLogsOnError' })] });
    const term = (name: string) => eventually(`${name} terminated`, async () => (await getPod(name)).status?.containerStatuses?.[0].state?.terminated, WAIT);
    const f = await term('msg-file');
    assert.equal(f.message, 'all done');
    assert.equal(f.exitCode, 3);
    assert.equal((await term('msg-path')).message, 'custom\n');
    assert.equal((await term('msg-logs')).message, 'first\nlast words\n');
    await waitRow('msg-file', /^msg-file\s+0\/1\s+Error\s/);
    await waitRow('msg-path', /^msg-path\s+0\/1\s+Completed\s/);
  });

  it('fails a pod past its activeDeadlineSeconds; Never and OnFailure end Completed or Error', async () => {
    await pod('deadline', { activeDeadlineSeconds: 3, containers: [ctr('app', 'sleep 3600')] });
    await pod('ok-never', { restartPolicy: 'Never', containers: [ctr('app', 'true')] });
    await pod('bad-never', { restartPolicy: 'Never', containers: [ctr('app', 'exit 2')] });
    await pod('ok-onfailure', { restartPolicy: 'OnFailure', containers: [ctr('app', 'true')] });
    // kubectl prints the pod's reason unless a container's terminated reason (Error, 137) overrides it.
    await waitRow('deadline', /^deadline\s+0\/1\s+(DeadlineExceeded|Error)\s/);
    const p = await eventually('killed', async () => { const x = await getPod('deadline'); return x.status?.containerStatuses?.[0].state?.terminated && x; });
    assert.equal(p.status?.phase, 'Failed');
    assert.equal(p.status?.reason, 'DeadlineExceeded');
    assert.ok(p.status?.containerStatuses?.[0].state?.terminated, 'container killed');
    assert.match(await describePod('deadline'), /DeadlineExceeded\s+.*Pod was active on the node longer than the specified deadline/);
    await waitRow('ok-never', /^ok-never\s+0\/1\s+Completed\s/);
    await waitRow('bad-never', /^bad-never\s+0\/1\s+Error\s/);
    await waitRow('ok-onfailure', /^ok-onfailure\s+0\/1\s+Completed\s/);
    assert.equal((await getPod('bad-never')).status?.phase, 'Failed');
    assert.equal((await getPod('ok-onfailure')).status?.phase, 'Succeeded');
  });
});
