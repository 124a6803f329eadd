import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLogLine, type LogLine } from './log-line.ts';
import { LogWriter } from './log-writer.ts';

const line = (s: string) => parseLogLine(Buffer.from(s)) as LogLine;
const L1 = '2026-01-01T00:00:01.5Z stdout F one\n';
const P2 = '2026-01-01T00:00:02Z stdout P tw';
const F2 = '2026-01-01T00:00:03Z stderr F o\n';
const sec = (s: number) => BigInt(Date.parse('2026-01-01T00:00:00Z') + s * 1000) * 1_000_000n;

test('LogWriter applies since, timestamps and byte limits', () => {
  const cases = [
    { name: 'plain', input: { opts: { since: 0n, timestamps: false, bytes: -1 }, lines: [L1, P2, F2] }, want: { out: 'one\ntwo\n', results: ['ok', 'ok', 'ok'] } },
    { name: 'timestamps only at line starts', input: { opts: { since: 0n, timestamps: true, bytes: -1 }, lines: [L1, P2, F2] },
      want: { out: '2026-01-01T00:00:01.5Z one\n2026-01-01T00:00:02Z two\n', results: ['ok', 'ok', 'ok'] } },
    { name: 'since skips older lines', input: { opts: { since: sec(2), timestamps: false, bytes: -1 }, lines: [L1, P2, F2] }, want: { out: 'two\n', results: ['ok', 'ok', 'ok'] } },
    { name: 'limit cuts exactly', input: { opts: { since: 0n, timestamps: false, bytes: 6 }, lines: [L1, P2, F2] }, want: { out: 'one\ntw', results: ['ok', 'limit'] } },
    { name: 'limit counts the prefix', input: { opts: { since: 0n, timestamps: true, bytes: 10 }, lines: [L1] }, want: { out: '2026-01-01', results: ['limit'] } },
  ];
  for (const c of cases) {
    const out: Buffer[] = [];
    const w = new LogWriter(c.input.opts, (b) => out.push(b));
    const results: string[] = [];
    let start = true;
    for (const l of c.input.lines) {
      const msg = line(l);
      const r = w.write(msg, start);
      results.push(r);
      if (r === 'limit') break;
      start = msg.text.at(-1) === 0x0a;
    }
    assert.deepEqual({ out: Buffer.concat(out).toString(), results }, c.want, c.name);
  }
});
