/**
 * Issue 6 on real containers, kubectl 1.33: resources (cgroup limits inside the container, QoS class, the pod
 * cgroup made and removed), every volume kind (written and read through exec; a ConfigMap change reaching a
 * mounted volume, not a subPath), the environment from each source with $(VAR) expansion, the
 * CreateContainerConfigError cases, and the security context. All pods start together to keep this short.
 * Needs root, containerd, runc and the CNI plugins; skips and says why without them.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { startTestCluster, type TestCluster } from '../harness.ts';
import { eventually, nodeMissing, uniqueClusterCIDR } from './node-env.ts';

const V = '1.33';
const BB = 'busybox:1.36';
const sleeper = (name: string, extra: Record<string, unknown> = {}) => ({ name, image: BB, command: ['sleep', '3600'], ...extra });
const pod = (name: string, spec: Record<string, unknown>) =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name } }, spec: { terminationGracePeriodSeconds: 1, ...spec } });

describe('pod configuration on a real node (kubectl 1.33)', { skip: nodeMissing() }, () => {
  let c: TestCluster;
  let hostDir: string;
  const k = async (args: string[], ok = true) => {
    const r = await c.kubectl(V, args);
    if (ok) assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}${r.stdout}`);
    return r;
  };
  const sh = async (p: string, script: string, container?: string) =>
    (await k(['exec', p, ...(container ? ['-c', container] : []), '--', 'sh', '-c', script])).stdout;
  const get = async (name: string): Promise<Pod> => JSON.parse((await k(['get', 'pod', name, '-o', 'json'])).stdout);
  const running = (name: string) => eventually(`${name} running`, async () => (await get(name)).status?.containerStatuses?.every((s) => s.state?.running) && get(name), 60_000);

  before(async () => {
    c = await startTestCluster({ cluster: { node: { kubeletPort: 0 }, controllers: { clusterCIDR: uniqueClusterCIDR() } } });
    hostDir = join(c.dataDir, 'host-vol');
    mkdirSync(hostDir);
    writeFileSync(join(hostDir, 'from-host'), 'host data\n');
    await eventually('the node Ready', async () => JSON.parse((await k(['get', 'nodes', '-o', 'json'])).stdout).items
      .some((n: { status: { conditions: { type: string; status: string }[] } }) => n.status.conditions.some((x) => x.type === 'Ready' && x.status === 'True')), 60_000);
    const objects = [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { greeting: 'hello', PORT: '8080', '1bad': 'x' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec' }, stringData: { password: 's3cret' } },
      pod('res', { containers: [sleeper('c', { resources: { requests: { cpu: '100m', memory: '16Mi' }, limits: { cpu: '500m', memory: '64Mi' } } })] }),
      pod('vols', {
        securityContext: { fsGroup: 2000 },
        containers: [sleeper('c', {
          resources: { limits: { memory: '32Mi' } },
          volumeMounts: [
            { name: 'scratch', mountPath: '/scratch' }, { name: 'mem', mountPath: '/mem' }, { name: 'host', mountPath: '/host' },
            { name: 'cfg', mountPath: '/cfg' }, { name: 'cfg', mountPath: '/etc/greeting', subPath: 'conf/greeting.txt' },
            { name: 'sec', mountPath: '/sec' }, { name: 'dw', mountPath: '/dw' }, { name: 'proj', mountPath: '/proj' },
            { name: 'scratch', mountPath: '/ro', readOnly: true }, { name: 'scratch', mountPath: '/sub', subPath: 'deep/dir' },
          ],
        })],
        volumes: [
          { name: 'scratch', emptyDir: {} }, { name: 'mem', emptyDir: { medium: 'Memory', sizeLimit: '8Mi' } },
          { name: 'host', hostPath: { path: hostDir, type: 'Directory' } },
          { name: 'cfg', configMap: { name: 'cfg', items: [{ key: 'greeting', path: 'conf/greeting.txt', mode: 0o400 }] } },
          { name: 'sec', secret: { secretName: 'sec', defaultMode: 0o440 } },
          { name: 'dw', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'name', fieldRef: { fieldPath: 'metadata.name' } },
            { path: 'mem', resourceFieldRef: { containerName: 'c', resource: 'limits.memory', divisor: '1Mi' } }] } },
          { name: 'proj', projected: { sources: [{ configMap: { name: 'cfg', items: [{ key: 'PORT', path: 'port' }] } }, { secret: { name: 'sec' } },
            { downwardAPI: { items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } }] } }, { serviceAccountToken: { path: 'token' } }] } },
        ],
      }),
      pod('envs', {
        serviceAccountName: 'default',
        containers: [{ name: 'c', image: BB, command: ['sh', '-c', 'echo cmd=$(GREETING) arg=$1; sleep 3600', '--'], args: ['$(NAME)-x'],
          resources: { limits: { cpu: '250m', memory: '48Mi' } },
          envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'CM_' }, { configMapRef: { name: 'cfg' } }],
          env: [
            { name: 'PLAIN', value: 'v' }, { name: 'EXPANDED', value: '$(PLAIN)-$(CM_PORT)-$$(PLAIN)' },
            { name: 'GREETING', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'greeting' } } },
            { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'sec', key: 'password' } } },
            { name: 'OPT', valueFrom: { configMapKeyRef: { name: 'nope', key: 'x', optional: true } } },
            ...['metadata.name', 'metadata.namespace', "metadata.labels['app']", 'status.podIP', 'status.hostIP', 'spec.nodeName', 'spec.serviceAccountName']
              .map((fieldPath, i) => ({ name: ['NAME', 'NS', 'APP', 'POD_IP', 'HOST_IP', 'NODE', 'SA'][i], valueFrom: { fieldRef: { fieldPath } } })),
            { name: 'MEM_MI', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
            { name: 'CPU_M', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
          ] }],
      }),
      pod('missing-cm', { containers: [sleeper('c', { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'x' } } }] })] }),
      pod('missing-key', { containers: [sleeper('c', { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'nokey' } } }] })] }),
      pod('nonroot', { securityContext: { runAsNonRoot: true }, containers: [sleeper('c')] }),
      pod('secure', {
        securityContext: { runAsUser: 1000, runAsGroup: 3000, supplementalGroups: [4000], seccompProfile: { type: 'RuntimeDefault' } },
        containers: [sleeper('c', { securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } })],
      }),
      pod('shared', { shareProcessNamespace: true, containers: [{ name: 'a', image: BB, command: ['sleep', '3601'] }, { name: 'b', image: BB, command: ['sleep', '3602'] }] }),
      pod('hostnet', { hostNetwork: true, containers: [sleeper('c')] }),
    ];
    await k(['apply', '-f', writeManifest(c.dataDir, objects)]);
  });
  after(async () => { await c?.stop(); });

  it('resources: limits in the container cgroup, QoS class, pod cgroup created and removed', async () => {
    const p = await running('res');
    assert.equal(p.status?.qosClass, 'Burstable');
    const got = await sh('res', 'cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/cpu/cpu.shares');
    assert.deepEqual(got.trim().split('\n'), [String(64 * 2 ** 20), '50000', '102']);
    const uid = p.metadata!.uid!;
    const podCg = () => readdirSync('/sys/fs/cgroup/memory').filter((d) => d.startsWith('k8ts-'))
      .map((d) => join('/sys/fs/cgroup/memory', d, 'kubepods', 'burstable', `pod${uid}`)).find((d) => existsSync(d));
    const dir = podCg();
    assert.ok(dir, 'pod cgroup under a k8ts-… parent');
    assert.ok(readdirSync(dir).some((e) => /^[0-9a-f]{64}$/.test(e)), 'containers live in the pod cgroup');
    await k(['delete', 'pod', 'res', '--wait=true']);
    await eventually('pod cgroup removed', async () => !podCg(), 20_000);
  });

  it('volumes: emptyDir, tmpfs, hostPath, configMap, secret, downwardAPI, projected, subPath, readOnly, fsGroup; updates', async () => {
    await running('vols');
    const checks: [string, string][] = [
      ['empty', 'echo w > /scratch/f && cat /scratch/f'], ['tmpfs', 'grep " /mem " /proc/mounts | cut -d" " -f3,4'],
      ['host', 'cat /host/from-host && echo c > /host/from-pod'], ['cfg', 'cat /cfg/conf/greeting.txt'],
      ['cfgMode', 'stat -L -c %a /cfg/conf/greeting.txt'], ['subPath', 'cat /etc/greeting'], ['sec', 'cat /sec/password'],
      ['secMode', 'stat -L -c %a:%g /sec/password'], ['labels', 'cat /dw/labels'], ['name', 'cat /dw/name'], ['mem', 'cat /dw/mem'],
      ['proj', 'cat /proj/port /proj/password /proj/ns'], ['projFiles', 'ls /proj | tr "\\n" " "'],
      ['ro', 'touch /ro/x 2>&1 || echo refused'], ['subDir', 'echo s > /sub/f && cat /scratch/deep/dir/f'],
      ['group', 'stat -c %g /scratch'], ['groups', 'id -G'],
    ];
    const out = await sh('vols', checks.map(([key, cmd]) => `echo "${key}=$(${cmd})"`).join('; '));
    const got = Object.fromEntries(out.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    assert.equal(got.empty, 'w');
    assert.match(got.tmpfs, /^tmpfs rw,.*size=8192k/);
    assert.equal(got.host, 'host data');
    assert.ok(existsSync(join(hostDir, 'from-pod')), 'hostPath write visible on the host');
    // fsGroup adds group read to the files of read-only volumes (SetVolumeOwnership), so 0400 shows as 440.
    assert.deepEqual([got.cfg, got.cfgMode, got.subPath, got.sec, got.secMode], ['hello', '440', 'hello', 's3cret', '440:2000']);
    assert.deepEqual([got.labels, got.name, got.mem], ['app="vols"', 'vols', '32']);
    assert.deepEqual([got.proj, got.projFiles.trim()], ['8080s3cretdefault', 'ns password port']);
    assert.match(got.ro, /Read-only file system|refused/);
    assert.deepEqual([got.subDir, got.group], ['s', '2000']);
    assert.match(got.groups, /\b2000\b/);
    const desc = (await k(['describe', 'pod', 'vols'])).stdout;
    assert.match(desc, /serviceAccountToken sources are not supported/);

    await k(['patch', 'configmap', 'cfg', '--type=merge', '-p', '{"data":{"greeting":"bye"}}']);
    await eventually('the ConfigMap change in the volume', async () => (await sh('vols', 'cat /cfg/conf/greeting.txt')) === 'bye', 20_000);
    assert.equal(await sh('vols', 'cat /etc/greeting'), 'hello', 'a subPath mount does not update');
  });

  it('environment: value, $(VAR), configMap/secret keys, fieldRefs, resourceFieldRefs, envFrom; invalid keys skipped', async () => {
    const p = await running('envs');
    const env = Object.fromEntries((await sh('envs', 'env')).trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    const want: Record<string, string> = {
      PLAIN: 'v', EXPANDED: 'v-8080-$(PLAIN)', GREETING: 'hello', PASSWORD: 's3cret', NAME: 'envs', NS: 'default', APP: 'envs',
      POD_IP: p.status!.podIP!, HOST_IP: p.status!.hostIP!, NODE: p.spec!.nodeName!, SA: 'default', MEM_MI: '48', CPU_M: '250',
      CM_greeting: 'hello', CM_PORT: '8080', PORT: '8080', greeting: 'hello',
    };
    for (const [key, v] of Object.entries(want)) assert.equal(env[key], v, key);
    assert.equal(env.OPT, undefined);
    assert.equal(env['1bad'], undefined);
    const logs = await eventually('logs', async () => { const r = await k(['logs', 'envs']); return r.stdout.includes('cmd=') && r.stdout; });
    assert.match(logs, /^cmd=hello arg=envs-x$/m);
    const events = (await k(['get', 'events', '--field-selector', 'involvedObject.name=envs', '-o', 'json'])).stdout;
    assert.match(events, /Keys \[1bad\] from the EnvFrom configMap default\/cfg were skipped since they are considered invalid environment variable names\./);
  });

  it('a missing ConfigMap, a missing key and a root image under runAsNonRoot: CreateContainerConfigError with the message', async () => {
    for (const [name, msg] of [
      ['missing-cm', 'configmap "nope" not found'], ['missing-key', "couldn't find key nokey in ConfigMap default/cfg"],
      ['nonroot', 'container has runAsNonRoot and image will run as root'],
    ]) {
      await eventually(`${name} CreateContainerConfigError`, async () => new RegExp(`^${name}\\s+0/1\\s+CreateContainerConfigError\\s`, 'm').test((await k(['get', 'pods'])).stdout), 30_000);
      const w = (await get(name)).status?.containerStatuses?.[0].state?.waiting;
      assert.equal(w?.reason, 'CreateContainerConfigError');
      assert.ok(w?.message?.startsWith(msg), `${name}: ${w?.message}`);
      assert.match((await k(['describe', 'pod', name])).stdout, new RegExp(`Warning\\s+Failed\\s.*Error: ${msg.replace(/[()]/g, '\\$&')}`));
    }
  });

  it('security context: users and groups, read-only root, capabilities, seccomp, no_new_privs; shared PID; host network', async () => {
    await running('secure');
    const out = (await sh('secure', 'id -u; id -g; id -G; touch /x 2>&1; grep -E "^(CapBnd|Seccomp|NoNewPrivs):" /proc/self/status | tr -s "\\t " " "')).trim().split('\n');
    assert.deepEqual(out.slice(0, 3), ['1000', '3000', '3000 4000']);
    assert.match(out[3], /Read-only file system/);
    assert.deepEqual(out.slice(4), ['CapBnd: 0000000000000400', 'NoNewPrivs: 1', 'Seccomp: 2']);

    await running('shared');
    const ps = await sh('shared', 'ps -o args', 'b');
    assert.match(ps, /sleep 3601/);
    assert.match(ps, /sleep 3602/);

    const h = await running('hostnet');
    assert.equal(h.status?.podIP, h.status?.hostIP);
    assert.equal((await sh('hostnet', 'hostname')).trim(), hostname());
  });
});

function writeManifest(dir: string, objects: object[]): string {
  const p = join(dir, 'pod-config.json');
  writeFileSync(p, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
  return p;
}
