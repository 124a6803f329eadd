/**
 * Durability under process death: a child writes a burst, is killed with SIGKILL mid-burst,
 * and every write it acknowledged (printed) must be in the file when it is opened again
 * (WAL with synchronous=NORMAL: see schema.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WatchEvent } from '../types.ts';
import { openSqliteStore } from './index.ts';
import { crashValue } from './crash-value.ts';

const child = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

interface Ack { rev: number; key: string; seq: number }

/** Runs the child until it has acknowledged `n` writes, then kills it with SIGKILL. */
function burstAndKill(path: string, n: number, writers: number): Promise<{ acks: Ack[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', child, path, String(writers)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    const acks: Ack[] = [];
    p.stdout.setEncoding('utf8');
    p.stdout.on('data', (chunk: string) => {
      buf += chunk;
      const lines = buf.split('\n');
      buf = lines.pop() ?? ''; // a partial last line is not an acknowledgement we can read
      for (const l of lines) {
        const [rev, key, seq] = l.split(' ');
        acks.push({ rev: Number(rev), key, seq: Number(seq) });
      }
      if (acks.length >= n && p.exitCode === null && !p.killed) p.kill('SIGKILL');
    });
    p.on('error', reject);
    p.on('close', (_code, signal) => resolve({ acks, signal }));
  });
}

// One writer: a batch per write. 64 writers: batches of many writes, each acknowledged only
// after its batch's COMMIT, so a kill between a write and its COMMIT loses only unprinted writes.
for (const writers of [1, 64]) test(`every write acknowledged before kill -9 is there after reopen (${writers} writers)`, { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-crash-'));
  try {
    const path = join(dir, 'state.db');
    const { acks, signal } = await burstAndKill(path, 4000, writers);
    assert.equal(signal, 'SIGKILL', 'the child was killed mid-burst, not finished');
    assert.ok(acks.length >= 4000, `acknowledged ${acks.length}`);

    const s = await openSqliteStore(path, { autoCompact: false });
    const cur = await s.currentRevision();
    const maxAck = Math.max(...acks.map((a) => a.rev));
    assert.ok(cur >= maxAck, `current ${cur} >= last acknowledged ${maxAck}`);

    // Every acknowledged revision is in the log with its key and value.
    const byRev = new Map<number, WatchEvent>();
    const w = s.watch('', 0);
    for await (const ev of w) { byRev.set(ev.revision, ev); if (ev.revision === cur) break; }
    w.close();
    for (const a of acks) {
      const ev = byRev.get(a.rev);
      assert.ok(ev, `revision ${a.rev} present`);
      assert.equal(ev.kv.key, a.key);
      assert.equal(ev.kv.value, crashValue(a.key, a.seq));
    }

    // Every key holds its last acknowledged value, or a newer write that committed unprinted.
    const last = new Map<string, Ack>();
    for (const a of acks) if ((last.get(a.key)?.rev ?? 0) < a.rev) last.set(a.key, a);
    for (const [key, a] of last) {
      const kv = await s.get(key);
      assert.ok(kv && kv.modRevision >= a.rev, `${key} at ${kv?.modRevision} >= ${a.rev}`);
      if (kv.modRevision === a.rev) assert.equal(kv.value, crashValue(key, a.seq));
    }
    await s.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
