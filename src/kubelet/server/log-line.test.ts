import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLogLine, parseTime } from './log-line.ts';

test('parseLogLine reads CRI lines', () => {
  const cases = [
    { name: 'full stdout line keeps its newline', input: '2026-01-02T03:04:05.123456789Z stdout F hello\n', want: { time: '2026-01-02T03:04:05.123456789Z', stream: 'stdout', text: 'hello\n' } },
    { name: 'partial line loses its newline', input: '2026-01-02T03:04:05.1Z stderr P part\n', want: { time: '2026-01-02T03:04:05.1Z', stream: 'stderr', text: 'part' } },
    { name: 'extra tags after the first', input: '2026-01-02T03:04:05Z stdout F:x y z\n', want: { time: '2026-01-02T03:04:05Z', stream: 'stdout', text: 'y z\n' } },
    { name: 'trailing fraction zeros dropped', input: '2026-01-02T03:04:05.120000000Z stdout F a\n', want: { time: '2026-01-02T03:04:05.12Z', stream: 'stdout', text: 'a\n' } },
    { name: 'offset kept', input: '2026-01-02T03:04:05.5+01:00 stdout F a\n', want: { time: '2026-01-02T03:04:05.5+01:00', stream: 'stdout', text: 'a\n' } },
    { name: 'zero offset printed as Z', input: '2026-01-02T03:04:05+00:00 stdout F a\n', want: { time: '2026-01-02T03:04:05Z', stream: 'stdout', text: 'a\n' } },
    { name: 'empty text', input: '2026-01-02T03:04:05Z stdout F \n', want: { time: '2026-01-02T03:04:05Z', stream: 'stdout', text: '\n' } },
    { name: 'no timestamp', input: 'garbage', want: 'timestamp is not found' },
    { name: 'bad timestamp', input: 'yesterday stdout F a\n', want: 'unexpected timestamp format "yesterday"' },
    { name: 'bad stream', input: '2026-01-02T03:04:05Z stdin F a\n', want: 'unexpected stream type "stdin"' },
    { name: 'no tag', input: '2026-01-02T03:04:05Z stdout', want: 'stream type is not found' },
    { name: 'no text separator', input: '2026-01-02T03:04:05Z stdout F', want: 'log tag is not found' },
  ];
  for (const c of cases) {
    const got = parseLogLine(Buffer.from(c.input));
    if (typeof c.want === 'string') {
      assert.ok(got instanceof Error, c.name);
      assert.equal(got.message, c.want, c.name);
    } else {
      assert.ok(!(got instanceof Error), c.name);
      assert.deepEqual({ time: got.time, stream: got.stream, text: got.text.toString() }, c.want, c.name);
    }
  }
});

test('parseTime gives epoch nanoseconds', () => {
  const cases = [
    { name: 'UTC with nanos', input: '1970-01-01T00:00:01.000000002Z', want: 1_000_000_002n },
    { name: 'no fraction', input: '1970-01-01T00:00:10Z', want: 10_000_000_000n },
    { name: 'positive offset is earlier in UTC', input: '1970-01-01T01:00:00+01:00', want: 0n },
    { name: 'negative offset', input: '1969-12-31T23:00:00.5-01:00', want: 500_000_000n },
    { name: 'not RFC3339', input: '1970-01-01 00:00:00Z', want: undefined },
  ];
  for (const c of cases) assert.equal(parseTime(c.input)?.ns, c.want, c.name);
});
