/**
 * exec/attach over SPDY/3.1: the client opens one stream per channel, each tagged with a `streamtype`
 * header (error, stdin, stdout, stderr, resize). We reply to each, wait until every stream the query
 * implies exists (30 s, the kubelet's DefaultStreamCreationTimeout), and only then start: output sent
 * before the last SYN_REPLY can stall kubectl's frame reader [kubectl-contract §6.1].
 */
import type { SpdySession } from '../spdy/session.ts';
import type { SpdyStream } from '../spdy/stream.ts';
import { type CommandChannels, endAndWait } from './channels.ts';
import { type RemoteCommandOptions, statusPayload } from './protocols.ts';
import { ResizeQueue } from './resize-queue.ts';

type StreamType = 'error' | 'stdin' | 'stdout' | 'stderr' | 'resize';

export function expectedStreams(protocol: string, opts: RemoteCommandOptions): StreamType[] {
  const want: StreamType[] = ['error'];
  if (opts.stdin) want.push('stdin');
  if (opts.stdout) want.push('stdout');
  if (opts.stderr && !opts.tty) want.push('stderr');
  // The resize stream exists from v3 on.
  if (opts.tty && !['channel.k8s.io', 'v2.channel.k8s.io'].includes(protocol)) want.push('resize');
  return want;
}

export function spdyCommandChannels(session: SpdySession, protocol: string, opts: RemoteCommandOptions,
  timeoutMs = 30_000): Promise<CommandChannels> {
  const want = expectedStreams(protocol, opts);
  const got = new Map<StreamType, SpdyStream>();
  const ac = new AbortController();
  let finished = false;
  session.on('close', () => { if (!finished) ac.abort(); });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`timed out waiting for client streams (have ${[...got.keys()].join(',') || 'none'})`));
    }, timeoutMs);
    timer.unref();
    session.on('close', () => { clearTimeout(timer); reject(new Error('connection closed before streams were created')); });
    session.on('stream', (s: SpdyStream) => {
      const type = s.headers.streamtype as StreamType;
      if (!want.includes(type) || got.has(type)) { s.reset(3); return; } // REFUSED_STREAM
      s.reply();
      got.set(type, s);
      if (got.size < want.length) return;
      clearTimeout(timer);
      const resize = got.has('resize') ? new ResizeQueue() : undefined;
      const resizeStream = got.get('resize');
      if (resize && resizeStream) {
        resizeStream.on('data', (c: Buffer) => resize.feed(c));
        resizeStream.on('end', () => resize.end());
        resizeStream.on('close', () => resize.end());
      }
      const stdout = got.get('stdout'), stderr = got.get('stderr'), errorStream = got.get('error')!;
      resolve({
        streams: { stdin: got.get('stdin'), stdout, stderr, resize, signal: ac.signal },
        async finish(result) {
          finished = true;
          await Promise.all([endAndWait(stdout), endAndWait(stderr)]);
          const status = statusPayload(protocol, result);
          if (status !== undefined && !errorStream.destroyed) errorStream.write(status);
          await Promise.all([errorStream, got.get('stdin'), resizeStream].map(endAndWait));
          resize?.end();
          // kubectl answers our FINs with RST_STREAM and GOAWAY, then hangs up; close ourselves if it does not.
          if (!session.closed) {
            const t = setTimeout(() => session.close(), 5_000);
            t.unref();
            session.on('close', () => clearTimeout(t));
            session.on('goaway', () => session.close());
          }
        },
      });
    });
  });
}
