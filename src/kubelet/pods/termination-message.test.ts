import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerConfig, ContainerStatus, In } from '../cri/types.ts';
import { addTerminationMessage, logTail, terminationMessage, TERMINATION_MESSAGE_PATH_ANNOTATION, TERMINATION_MESSAGE_POLICY_ANNOTATION } from './termination-message.ts';

const dir = mkdtempSync(join(tmpdir(), 'k8ts-tm-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const status = (o: Partial<ContainerStatus>): ContainerStatus => ({ exitCode: 1, reason: 'Error', mounts: [], logPath: '', ...o } as ContainerStatus);
const cri = (lines: string[]) => lines.map((l, i) => `2026-01-01T00:00:0${i % 10}.000000000Z stdout ${l}\n`).join('');

test('each container instance gets its own empty, world-writable message file at the path', async () => {
  const config: In<ContainerConfig> = { mounts: [{ containerPath: '/data', hostPath: '/x' }] };
  await addTerminationMessage(config, dir, { metadata: { uid: 'u1' } }, { name: 'app', terminationMessagePath: '/tmp/msg' });
  const m = config.mounts![1] as { containerPath: string; hostPath: string };
  assert.equal(m.containerPath, '/tmp/msg');
  assert.ok(m.hostPath.startsWith(join(dir, 'pods', 'u1', 'containers', 'app')));
  assert.equal(readFileSync(m.hostPath, 'utf8'), '');
  assert.equal(statSync(m.hostPath).mode & 0o777, 0o666);
  assert.equal(config.annotations?.[TERMINATION_MESSAGE_PATH_ANNOTATION], '/tmp/msg');
  assert.equal(config.annotations?.[TERMINATION_MESSAGE_POLICY_ANNOTATION], 'File');
});

test('termination message: file, fallback to logs, limits', async () => {
  const file = join(dir, 'msg');
  const log = join(dir, 'log');
  writeFileSync(log, cri(['F one', 'P par', 'F tial', 'F last']));
  const many = join(dir, 'many');
  writeFileSync(many, cri(Array.from({ length: 100 }, (_, i) => `F line ${i}`)));
  const ann = (policy = 'File') => ({ [TERMINATION_MESSAGE_PATH_ANNOTATION]: '/dev/termination-log', [TERMINATION_MESSAGE_POLICY_ANNOTATION]: policy });
  const mount = [{ containerPath: '/dev/termination-log', hostPath: file }] as ContainerStatus['mounts'];
  const cases = [
    { name: 'file content', file: 'bye', st: { mounts: mount }, ann: ann(), want: 'bye' },
    { name: 'empty file, File policy: nothing', file: '', st: { mounts: mount, logPath: log }, ann: ann(), want: '' },
    { name: 'empty file, fallback, failed: log tail', file: '', st: { mounts: mount, logPath: log }, ann: ann('FallbackToLogsOnError'), want: 'one\npartial\nlast\n' },
    { name: 'fallback but exit 0: nothing', file: '', st: { mounts: mount, logPath: log, exitCode: 0 }, ann: ann('FallbackToLogsOnError'), want: '' },
    { name: 'file wins over logs', file: 'mine', st: { mounts: mount, logPath: log }, ann: ann('FallbackToLogsOnError'), want: 'mine' },
    { name: 'file capped at its last 4096 bytes', file: 'a'.repeat(5000) + 'END', st: { mounts: mount }, ann: ann(), want: 'a'.repeat(4093) + 'END' },
  ];
  for (const c of cases) {
    writeFileSync(file, c.file);
    assert.equal(await terminationMessage(status(c.st), c.ann), c.want, c.name);
  }
  const tail = await logTail(many);
  assert.equal(tail.split('\n').filter(Boolean).length, 80);
  assert.ok(tail.endsWith('line 99\n'));
});
