// End to end: the real kubectl → our API server (pods/log) → our kubelet server over mutual
// TLS → a CRI log file in a temp dir. No containers: the pod's status is written by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kubectlBinary, kubectlDir, runKubectl } from '../../../test/harness.ts';
import { startFixture } from './fixture.ts';

test('kubectl logs through the API server and the kubelet server', { skip: !kubectlDir() && 'no kubectl.1.33 on this machine' }, async () => {
  const f = await startFixture();
  const { dir, pki, srv } = f;
  const logDir = join(f.podsDir, 'default_p_uid-1', 'c');
  await mkdir(logDir, { recursive: true });
  await writeFile(join(logDir, '0.log'), '2026-01-01T00:00:00.5Z stdout F before restart\n');
  await writeFile(join(logDir, '1.log'), ['2026-01-01T00:00:01Z stdout F one', '2026-01-01T00:00:02.25Z stderr F two', '2026-01-01T00:00:03Z stdout P thr', '2026-01-01T00:00:03Z stdout F ee', ''].join('\n'));
  try {
    await f.createPod({ metadata: { name: 'p' }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'busybox' }] } }, {
      phase: 'Running', containerStatuses: [{ name: 'c', image: 'busybox', imageID: '', ready: true, restartCount: 1, containerID: 'containerd://b',
        state: { running: { startedAt: '2026-01-01T00:00:00Z' } }, lastState: { terminated: { exitCode: 1, containerID: 'containerd://a' } } }] });
    await f.createPod({ metadata: { name: 'w' }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'busybox' }] } }, {
      phase: 'Pending', containerStatuses: [{ name: 'c', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] });

    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const kubeconfig = join(dir, 'kubeconfig');
    await writeFile(kubeconfig, JSON.stringify({
      apiVersion: 'v1', kind: 'Config', 'current-context': 'k',
      clusters: [{ name: 'k', cluster: { server: srv.url, 'certificate-authority-data': b64(pki.caCertPem) } }],
      users: [{ name: 'a', user: { 'client-certificate-data': b64(pki.adminCertPem), 'client-key-data': b64(pki.adminKeyPem) } }],
      contexts: [{ name: 'k', context: { cluster: 'k', user: 'a', namespace: 'default' } }],
    }));
    const env = { HOME: dir, KUBECONFIG: kubeconfig };
    const kubectl = (...args: string[]) => runKubectl(kubectlBinary('1.33'), args, { env, timeoutMs: 20_000 });
    const cases = [
      { name: 'logs', input: ['logs', 'p'], want: { code: 0, stdout: 'one\ntwo\nthree\n', stderr: '' } },
      // Like the kubelet, --tail counts file lines: the partial `thr` and `ee` are two of them.
      { name: '--tail=2', input: ['logs', 'p', '--tail=2'], want: { code: 0, stdout: 'three\n', stderr: '' } },
      { name: '--timestamps', input: ['logs', 'p', '--timestamps', '--tail=3'], want: { code: 0, stdout: '2026-01-01T00:00:02.25Z two\n2026-01-01T00:00:03Z three\n', stderr: '' } },
      { name: '--previous', input: ['logs', 'p', '--previous'], want: { code: 0, stdout: 'before restart\n', stderr: '' } },
      { name: '--limit-bytes', input: ['logs', 'p', '--limit-bytes=6'], want: { code: 0, stdout: 'one\ntw', stderr: '' } },
      { name: 'waiting container', input: ['logs', 'w'], want: { code: 1, stdout: '', stderr: 'Error from server (BadRequest): container "c" in pod "w" is waiting to start: ContainerCreating\n' } },
      // kubectl checks -c itself; the raw request shows the server's answer.
      { name: 'unknown container', input: ['get', '--raw', '/api/v1/namespaces/default/pods/p/log?container=x'], want: { code: 1, stdout: '', stderr: 'Error from server (BadRequest): container x is not valid for pod p\n' } },
    ];
    for (const c of cases) assert.deepEqual(await kubectl(...c.input), c.want, c.name);

    // -f: sees a line appended after it started; ends when the container restarts (2.log appears).
    const child = spawn(kubectlBinary('1.33'), ['logs', '-f', 'p'], { env: { PATH: process.env.PATH ?? '', ...env } });
    let out = '';
    let check: () => void = () => {};
    child.stdout.on('data', (d) => { out += d; check(); });
    const seen = (s: string) => new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timed out waiting for ${JSON.stringify(s)}, got ${JSON.stringify(out)}`)), 15_000);
      check = () => { if (out.includes(s)) { clearTimeout(t); resolve(); } };
      check();
    });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    await seen('three\n');
    await appendFile(join(logDir, '1.log'), '2026-01-01T00:00:04Z stdout F four\n');
    await seen('four\n');
    await writeFile(join(logDir, '2.log'), '');
    assert.equal(await exited, 0);
    assert.equal(out, 'one\ntwo\nthree\nfour\n');
  } finally {
    await f.close();
  }
});
