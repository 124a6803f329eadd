/**
 * The tutorial commands, run with one real kubectl binary against a real k8ts API server
 * (issue 2, "Done means"). Each version gets its own server and data dir.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnKubectl, startTestCluster, type TestCluster } from '../harness.ts';

const pod = (labels: Record<string, string>) => `apiVersion: v1
kind: Pod
metadata:
  name: web-pod
  labels:
${Object.entries(labels).map(([k, v]) => `    ${k}: ${v}`).join('\n')}
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
`;

export function kubectlSuite(version: string) {
  describe(`kubectl ${version}`, () => {
    let c: TestCluster;
    const k = async (args: string[], opts: { input?: string; env?: Record<string, string>; ok?: boolean } = {}) => {
      const r = await c.kubectl(version, args, opts);
      if (opts.ok !== false) assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed: ${r.stderr}${r.stdout}`);
      return r;
    };
    const file = (name: string, text: string) => { const p = join(c.dataDir, name); writeFileSync(p, text); return p; };

    before(async () => { c = await startTestCluster(); });
    after(async () => { await c?.stop(); });

    it('creates and reads a deployment', async () => {
      assert.match((await k(['create', 'deployment', 'web', '--image=nginx:1.27'])).stdout, /deployment.apps\/web created/);
      const list = await k(['get', 'deployments']);
      assert.match(list.stdout, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\n/);
      assert.match(list.stdout, /^web\s+0\/1\s+0\s+0\s+\d+s$/m);
      const d = JSON.parse((await k(['get', 'deploy', 'web', '-o', 'json'])).stdout);
      assert.equal(d.kind, 'Deployment');
      assert.equal(d.spec.replicas, 1);
      assert.equal(d.spec.strategy.type, 'RollingUpdate');
      assert.equal(d.spec.strategy.rollingUpdate.maxSurge, '25%');
      assert.equal(d.spec.revisionHistoryLimit, 10);
      assert.equal(d.spec.progressDeadlineSeconds, 600);
      assert.equal(d.spec.template.spec.containers[0].imagePullPolicy, 'IfNotPresent');
      assert.equal(d.metadata.generation, 1);
      assert.match(d.metadata.resourceVersion, /^\d+$/);
    });

    it('applies a pod: created, unchanged, configured', async () => {
      const p = file('pod.yml', pod({ app: 'web' }));
      assert.match((await k(['apply', '-f', p])).stdout, /pod\/web-pod created/);
      assert.match((await k(['apply', '-f', p])).stdout, /pod\/web-pod unchanged/);
      const p2 = file('pod2.yml', pod({ app: 'web', tier: 'front' }));
      assert.match((await k(['apply', '-f', p2])).stdout, /pod\/web-pod configured/);
      const got = JSON.parse((await k(['get', 'pod', 'web-pod', '-o', 'json'])).stdout);
      assert.deepEqual(got.metadata.labels, { app: 'web', tier: 'front' });
    });

    it('lists pods wide, by label, with custom columns and get all', async () => {
      const wide = await k(['get', 'pods', '-o', 'wide']);
      assert.match(wide.stdout, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\n/);
      assert.match(wide.stdout, /^web-pod\s+0\/1\s+Pending\s+0\s+\S+\s+<none>\s+<none>\s+<none>\s+<none>$/m);
      assert.match((await k(['get', 'po', '-l', 'app=web'])).stdout, /web-pod/);
      assert.doesNotMatch((await k(['get', 'po', '-l', 'app!=web'])).stdout + '', /web-pod/);
      const cc = await k(['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image']);
      assert.match(cc.stdout, /^NAME\s+IMAGE\nweb-pod\s+nginx:1\.27\n$/);
      const all = await k(['get', 'all']);
      assert.match(all.stdout, /pod\/web-pod/);
      assert.match(all.stdout, /deployment\.apps\/web/);
    });

    it('applies server-side', async () => {
      const p = file('ssa.yml', pod({ app: 'ssa' }).replace('web-pod', 'ssa-pod'));
      assert.match((await k(['apply', '--server-side', '-f', p])).stdout, /pod\/ssa-pod serverside-applied/);
      const got = JSON.parse((await k(['get', 'pod', 'ssa-pod', '-o', 'json', '--show-managed-fields'])).stdout);
      assert.ok(got.metadata.managedFields.some((m: { manager: string; operation: string }) => m.manager === 'kubectl' && m.operation === 'Apply'));
      assert.match((await k(['apply', '--server-side', '-f', p])).stdout, /pod\/ssa-pod serverside-applied/);
    });

    it('edits, scales and describes a deployment', async () => {
      const editor = file('editor.sh', '#!/bin/sh\nsed -i "s/replicas: 1$/replicas: 3/" "$1"\n');
      chmodSync(editor, 0o755);
      assert.match((await k(['edit', 'deployment', 'web'], { env: { KUBE_EDITOR: editor } })).stdout, /deployment.apps\/web edited/);
      let d = JSON.parse((await k(['get', 'deploy', 'web', '-o', 'json'])).stdout);
      assert.equal(d.spec.replicas, 3);
      assert.equal(d.metadata.generation, 2);
      assert.match((await k(['scale', 'deployment', 'web', '--replicas=5'])).stdout, /deployment.apps\/web scaled/);
      d = JSON.parse((await k(['get', 'deploy', 'web', '-o', 'json'])).stdout);
      assert.equal(d.spec.replicas, 5);
      const desc = await k(['describe', 'deployment', 'web']);
      assert.match(desc.stdout, /^Name:\s+web$/m);
      assert.match(desc.stdout, /^StrategyType:\s+RollingUpdate$/m);
      assert.match(desc.stdout, /^Replicas:\s+5 desired/m);
      assert.match((await k(['describe', 'pod', 'web-pod'])).stdout, /^Status:\s+Pending$/m);
    });

    it('explains and lists api-resources', async () => {
      const ex = await k(['explain', 'pod.spec.containers']);
      assert.match(ex.stdout, /FIELD:\s+containers/);
      assert.match(ex.stdout, /List of containers belonging to the pod/);
      const ar = await k(['api-resources']);
      assert.match(ar.stdout, /^pods\s+po\s+v1\s+true\s+Pod$/m);
      assert.match(ar.stdout, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    });

    it('streams a change with get -w', async () => {
      const w = spawnKubectl(c, version, ['get', 'pods', '-w']);
      try {
        await w.waitFor(/web-pod/);
        await k(['label', 'pod', 'web-pod', 'watched=yes']);
        await k(['run', 'watched-pod', '--image=busybox', '--restart=Never']);
        await w.waitFor(/watched-pod\s+0\/1\s+Pending/);
      } finally { w.kill(); }
    });

    it('does a server-side dry run without storing', async () => {
      assert.match((await k(['create', 'deployment', 'dry', '--image=nginx', '--dry-run=server'])).stdout, /deployment.apps\/dry created \(server dry run\)/);
      const r = await k(['get', 'deploy', 'dry'], { ok: false });
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /deployments.apps "dry" not found/);
    });

    it('serves kubectl proxy', async () => {
      const p = spawnKubectl(c, version, ['proxy', '--port=0']);
      try {
        const line = await p.waitFor(/Starting to serve on 127\.0\.0\.1:\d+/);
        const port = line.split(':').pop();
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/namespaces/default/pods`);
        const body = await res.json() as { kind: string; items: { metadata: { name: string } }[] };
        assert.equal(body.kind, 'PodList');
        assert.ok(body.items.some((i) => i.metadata.name === 'web-pod'));
      } finally { p.kill(); }
    });

    it('gives a clear error for an invalid name', async () => {
      const p = file('bad.yml', pod({ app: 'x' }).replace('web-pod', 'Bad_Name'));
      const r = await k(['apply', '-f', p], { ok: false });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /The Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters/);
    });

    it('refuses an unknown field, warns of it or drops it, by --validate; never stores it', async () => {
      const withBogus = (name: string) => file(`${name}.yml`, pod({ app: 'u' }).replace('web-pod', name).replace('  containers:', '  bogus: 1\n  containers:'));
      const strict = await k(['create', '-f', withBogus('strict-pod')], { ok: false });
      assert.equal(strict.code, 1);
      assert.match(strict.stderr, /Error from server \(BadRequest\): error when creating ".*strict-pod.yml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.bogus"/);
      assert.match((await k(['create', '--validate=warn', '-f', withBogus('warned-pod')])).stderr, /Warning: unknown field "spec.bogus"/);
      await k(['create', '--validate=false', '-f', withBogus('ignored-pod')]);
      for (const name of ['warned-pod', 'ignored-pod']) {
        const got = JSON.parse((await k(['get', 'pod', name, '-o', 'json', '--show-managed-fields'])).stdout);
        assert.equal(got.spec.bogus, undefined, name);
        assert.doesNotMatch(JSON.stringify(got.metadata.managedFields), /bogus/, name);
      }
      // apply to an existing object sends a strategic merge patch: its refusal names the patch.
      await k(['apply', '-f', file('applied-pod.yml', pod({ app: 'u' }).replace('web-pod', 'applied-pod'))]);
      const patched = await k(['apply', '-f', withBogus('applied-pod')], { ok: false });
      assert.match(patched.stderr, /The request is invalid: patch: Invalid value: "map\[metadata:map\[annotations:map\[kubectl.kubernetes.io\/last-applied-configuration:.*\] spec:map\[bogus:1\]\]": strict decoding error: unknown field "spec.bogus"/);
      await k(['delete', 'pod', 'warned-pod', 'ignored-pod', 'applied-pod', '--wait=false']);
    });

    it('deletes', async () => {
      assert.match((await k(['delete', 'pod', 'web-pod', '--dry-run=server'])).stdout, /pod "web-pod" deleted \(server dry run\)/);
      await k(['get', 'pod', 'web-pod']);
      assert.match((await k(['delete', 'pod', 'web-pod'])).stdout, /pod "web-pod" deleted/);
      assert.match((await k(['delete', 'deployment', 'web'])).stdout, /deployment.apps "web" deleted/);
      const r = await k(['get', 'pod', 'web-pod'], { ok: false });
      assert.match(r.stderr, /pods "web-pod" not found/);
    });
  });
}
