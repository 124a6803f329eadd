/**
 * Issue 4's tutorial flow on real containers: a cluster with its own node (supervised
 * containerd, CNI bridge, kubelet), images pulled through a local registry used as the
 * docker.io mirror, and the real kubectl. Needs root, containerd, runc, the CNI plugins,
 * docker-registry and skopeo (the launcher installs them); without them it skips and says why.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { startTestCluster, type TestCluster } from '../harness.ts';
import { pushBuiltinImages, registryAvailable, startRegistry } from '../fixtures/registry.ts';
import { nodeMissing, uniqueClusterCIDR, eventually } from './node-env.ts';
import { busyboxLayer } from '../../src/containerd/images.ts';
import { writeOCIArchive } from '../../src/containerd/oci/write.ts';

const run = promisify(execFile);
const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'cli', 'main.ts');

export function nodeSuite(version: string, opts: { full: boolean }) {
  const skip = nodeMissing() ?? (registryAvailable() ? undefined : 'docker-registry and skopeo are needed (apt-get install docker-registry skopeo)');
  describe(`kubectl ${version} on a real node`, { skip }, () => {
    let c: TestCluster;
    let reg: Awaited<ReturnType<typeof startRegistry>>;
    const k = async (args: string[], o: { ok?: boolean; env?: Record<string, string> } = {}) => {
      const r = await c.kubectl(version, args, o);
      if (o.ok !== false) assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed: ${r.stderr}${r.stdout}`);
      return r;
    };
    const json = async (args: string[]) => JSON.parse((await k([...args, '-o', 'json'])).stdout);
    const file = (name: string, text: string) => { const p = join(c.dataDir, name); writeFileSync(p, text); return p; };
    const pods = async (sel: string): Promise<Pod[]> => (await json(['get', 'pods', '-l', sel])).items;
    const ready = (p: Pod) => p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') ?? false;
    const live = (ps: Pod[]) => ps.filter((p) => !p.metadata?.deletionTimestamp);
    // The smoke run of an older kubectl registers only the first tests.
    const fullIt = opts.full ? it : () => {};

    before(async () => {
      reg = await startRegistry();
      await pushBuiltinImages(reg);
      c = await startTestCluster({ cluster: { node: { kubeletPort: 0, mirrors: { 'docker.io': reg.url } }, controllers: { clusterCIDR: uniqueClusterCIDR() } } });
      await eventually('the node Ready', async () => (await json(['get', 'nodes'])).items.some((n: { status: { conditions: { type: string; status: string }[] } }) =>
        n.status.conditions.some((x) => x.type === 'Ready' && x.status === 'True')), 60_000);
    });
    after(async () => { await c?.stop(); await reg?.stop(); });

    it('runs a deployment whose pod answers HTTP on its own IP; edit, delete and scale give new pods and IPs', async () => {
      await k(['create', 'deployment', 'web', '--image=nginx']);
      await k(['rollout', 'status', 'deployment/web', '--timeout=90s']);
      assert.match((await k(['get', 'pods', '-l', 'app=web'])).stdout, /^web-\S+\s+1\/1\s+Running\s+0\s/m);
      const [p] = live(await pods('app=web'));
      const res = await fetch(`http://${p.status!.podIP}/`);
      assert.match(await res.text(), /Welcome to nginx!/);
      if (!opts.full) return;
      await k(['scale', 'deployment', 'web', '--replicas=2']);
      const two = await eventually('2 ready pods', async () => { const ps = live(await pods('app=web')).filter(ready); return ps.length === 2 && ps; }, 60_000);
      assert.notEqual(two[0].status!.podIP, two[1].status!.podIP);
      const wide = (await k(['get', 'pods', '-l', 'app=web', '-o', 'wide'])).stdout;
      for (const q of two) assert.match(wide, new RegExp(`${q.metadata!.name}\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+${q.status!.podIP!.replaceAll('.', '\\.')}\\s`));
      await k(['delete', 'pod', two[0].metadata!.name!]);
      const after2 = await eventually('a replacement', async () => {
        const ps = live(await pods('app=web')).filter(ready);
        return ps.length === 2 && !ps.some((q) => q.metadata!.name === two[0].metadata!.name) && ps;
      }, 60_000);
      const fresh = after2.find((q) => q.metadata!.name !== two[1].metadata!.name)!;
      assert.ok(fresh.status!.podIP && fresh.status!.podIP !== two[0].status!.podIP || fresh.metadata!.uid !== two[0].metadata!.uid);
    });

    it('runs a pod to Ready, shows its logs, events and addresses', async () => {
      await k(['run', 'printer', '--image=busybox:1.36', '--restart=Never', '--', 'sh', '-c', 'echo hello from k8ts; sleep 3600']);
      await k(['wait', '--for=condition=Ready', 'pod/printer', '--timeout=60s']);
      assert.match((await eventually('logs', async () => { const r = await k(['logs', 'printer']); return /hello/.test(r.stdout) && r; })).stdout, /^hello from k8ts$/m);
      const desc = (await k(['describe', 'pod', 'printer'])).stdout;
      for (const reason of ['Scheduled', 'Pulled', 'Created', 'Started']) assert.match(desc, new RegExp(`Normal\\s+${reason}\\s`), `event ${reason}`);
      const cols = (await k(['get', 'pod', 'printer', '-o', 'custom-columns=NAME:.metadata.name,HOST:.status.hostIP,POD:.status.podIP'])).stdout;
      assert.match(cols, /^printer\s+\d+\.\d+\.\d+\.\d+\s+\d+\.\d+\.\d+\.\d+$/m);
    });

    fullIt('applies a pod with labels, a port and limits', async () => {
      await k(['apply', '-f', file('pod.yml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: limited\n  labels:\n    app: limited\n    tier: web\nspec:\n  containers:\n  - name: web\n    image: docker.io/k8ts/web:1\n    ports:\n    - containerPort: 8080\n    resources:\n      limits:\n        cpu: 200m\n        memory: 64Mi\n`)]);
      await k(['wait', '--for=condition=Ready', 'pod/limited', '--timeout=60s']);
      const p = await json(['get', 'pod', 'limited']);
      assert.equal(p.status.qosClass, 'Guaranteed');
      assert.match(await (await fetch(`http://${p.status.podIP}:8080/`)).text(), /limited/);
    });

    fullIt('loads an image archive and runs it with imagePullPolicy Never', async () => {
      const archive = join(c.dataDir, 'local-app.tar');
      await writeOCIArchive(localImage('docker.io/library/local-app:1.0'), archive);
      const out = await run(process.execPath, ['--disable-warning=ExperimentalWarning', MAIN, 'image', 'load', archive, '--data-dir', c.dataDir]);
      assert.match(out.stdout + out.stderr, /local-app:1\.0/);
      await k(['apply', '-f', file('never.yml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: never\nspec:\n  containers:\n  - name: app\n    image: local-app:1.0\n    imagePullPolicy: Never\n`)]);
      await k(['wait', '--for=condition=Ready', 'pod/never', '--timeout=60s']);
    });

    fullIt('shows ErrImagePull then ImagePullBackOff for a missing image', async () => {
      await k(['run', 'missing', '--image=docker.io/library/does-not-exist:1', '--restart=Never']);
      await eventually('ErrImagePull', async () => /missing\s+0\/1\s+ErrImagePull/.test((await k(['get', 'pod', 'missing'])).stdout), 60_000);
      await eventually('ImagePullBackOff', async () => /missing\s+0\/1\s+ImagePullBackOff/.test((await k(['get', 'pod', 'missing'])).stdout), 60_000);
    });

    fullIt('restarts a container killed from outside (RESTARTS 1)', async () => {
      await k(['run', 'victim', '--image=busybox:1.36', '--', 'sleep', '3600']);
      await k(['wait', '--for=condition=Ready', 'pod/victim', '--timeout=60s']);
      const id = (await json(['get', 'pod', 'victim'])).status.containerStatuses[0].containerID.replace('containerd://', '');
      await run('ctr', ['--address', join(c.dataDir, 'containerd', 'containerd.sock'), '-n', 'k8s.io', 'task', 'kill', '-s', 'SIGKILL', id]);
      await eventually('RESTARTS 1', async () => /victim\s+1\/1\s+Running\s+1 \(/.test((await k(['get', 'pod', 'victim'])).stdout), 60_000);
    });

    fullIt('reports OOMKilled when a 32 MiB limit is exceeded', async () => {
      await k(['apply', '-f', file('oom.yml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: hog\nspec:\n  restartPolicy: Never\n  containers:\n  - name: hog\n    image: busybox:1.36\n    command: ["sh", "-c", "tail /dev/zero"]\n    resources:\n      limits:\n        memory: 32Mi\n`)]);
      // On a timeout the error carries the container's last state (the row alone hides the reason).
      await eventually('OOMKilled', async () => {
        if (/hog\s+0\/1\s+OOMKilled/.test((await k(['get', 'pod', 'hog'])).stdout)) return true;
        throw new Error(JSON.stringify((await json(['get', 'pod', 'hog'])).status?.containerStatuses?.[0]?.state));
      }, 60_000);
      const st = (await json(['get', 'pod', 'hog'])).status.containerStatuses[0].state.terminated;
      assert.equal(st.reason, 'OOMKilled');
      assert.equal(st.exitCode, 137);
    });

    fullIt('lets two containers of a pod talk on localhost and share an emptyDir', async () => {
      await k(['apply', '-f', file('pair.yml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pair\nspec:\n  volumes:\n  - name: shared\n    emptyDir: {}\n  containers:\n  - name: server\n    image: busybox:1.36\n    command: ["httpd", "-f", "-p", "8080", "-h", "/data"]\n    volumeMounts:\n    - name: shared\n      mountPath: /data\n  - name: client\n    image: busybox:1.36\n    command: ["sh", "-c", "echo from-the-other-container > /data/note.txt; until wget -qO- http://localhost:8080/note.txt; do sleep 0.2; done; sleep 3600"]\n    volumeMounts:\n    - name: shared\n      mountPath: /data\n`)]);
      await k(['wait', '--for=condition=Ready', 'pod/pair', '--timeout=60s']);
      await eventually('the client fetched the note', async () => /from-the-other-container/.test((await k(['logs', 'pair', '-c', 'client'])).stdout), 30_000);
    });
  });
}

/** A one-layer image of our own (busybox sleeping), for `k8ts image load`. */
function localImage(ref: string) {
  return { ref, layers: [busyboxLayer()], config: { cmd: ['sleep', '3600'] } };
}
