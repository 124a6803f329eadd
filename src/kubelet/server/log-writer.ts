/**
 * Writes parsed log lines as the kubelet's logWriter does (pkg/kubelet/kuberuntime/logs/logs.go):
 * lines older than `since` are skipped, the timestamp prefix goes only at the start of a
 * logical line (not after a partial one), and output stops at exactly `bytes` bytes.
 */
import type { LogLine } from './log-line.ts';
import type { LogOptions } from './log-options.ts';

export type WriteResult = 'ok' | 'limit';

export class LogWriter {
  private remain: number;
  private readonly opts: Pick<LogOptions, 'since' | 'timestamps' | 'bytes'>;
  private readonly out: (b: Buffer) => void;

  constructor(opts: Pick<LogOptions, 'since' | 'timestamps' | 'bytes'>, out: (b: Buffer) => void) {
    this.opts = opts;
    this.out = out;
    this.remain = opts.bytes >= 0 ? opts.bytes : Number.POSITIVE_INFINITY;
  }

  write(msg: LogLine, atLineStart: boolean): WriteResult {
    if (msg.ns < this.opts.since) return 'ok';
    let line = msg.text;
    if (this.opts.timestamps && atLineStart) line = Buffer.concat([Buffer.from(`${msg.time} `), line]);
    if (line.length > this.remain) line = line.subarray(0, this.remain);
    this.out(line);
    this.remain -= line.length;
    return this.remain <= 0 ? 'limit' : 'ok';
  }
}
