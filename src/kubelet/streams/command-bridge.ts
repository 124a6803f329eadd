/**
 * exec/attach: relays kubectl's streams (whatever transport carried them: serveRemoteCommand
 * hands us plain Node streams) to a SPDY `v4.channel.k8s.io` session on the runtime's stream
 * URL, opening the streams as client-go's v4 executor does: error (half-closed at once), stdin,
 * stdout, stderr, resize [client-go tools/remotecommand/v2.go, v3.go, v4.go]. The result comes
 * from the runtime's Status on the error stream. The runtime closes its streams when the
 * process exits; when kubectl goes away first (`signal`), the session is torn down, which ends
 * the process's stdin and output at the runtime.
 */
import type { Readable, Writable } from 'node:stream';
import type { CommandStreams } from '../../streaming/remotecommand/channels.ts';
import type { CommandResult } from '../../streaming/remotecommand/protocols.ts';
import type { SpdySession } from '../../streaming/spdy/session.ts';
import type { SpdyStream } from '../../streaming/spdy/stream.ts';
import { resultFromStatus } from './status.ts';

export const RUNTIME_COMMAND_PROTOCOL = 'v4.channel.k8s.io';

/** Resolves when a stream has nothing more to give (ended, closed or failed). */
function settled(s: Readable | Writable | undefined): Promise<void> {
  if (!s || s.destroyed) return Promise.resolve();
  return new Promise((r) => { s.once('end', r); s.once('close', r); s.once('error', () => r()); });
}

export async function bridgeCommand(session: SpdySession, streams: CommandStreams, tty: boolean): Promise<CommandResult> {
  const open = (type: string): SpdyStream => session.openStream({ streamtype: type });
  const error = open('error');
  error.end();
  const stdin = streams.stdin ? open('stdin') : undefined;
  const stdout = streams.stdout ? open('stdout') : undefined;
  const stderr = streams.stderr && !tty ? open('stderr') : undefined;
  const resize = tty && streams.resize ? open('resize') : undefined;
  const all = [error, stdin, stdout, stderr, resize].filter((s): s is SpdyStream => !!s);
  for (const s of all) s.on('error', () => undefined);

  const abort = () => session.destroy();
  if (streams.signal.aborted) abort();
  streams.signal.addEventListener('abort', abort);
  const closed = new Promise<void>((r) => { if (session.closed) r(); else session.once('close', r); });
  try {
    // The runtime starts the process once every stream exists; wait for its replies (or the end).
    await Promise.race([Promise.all(all.map((s) => s.replied)), closed]);

    let statusText = '';
    error.on('data', (c: Buffer) => { statusText += c.toString(); });
    const errorDone = settled(error);
    error.resume();
    if (stdout) stdout.pipe(streams.stdout!, { end: false });
    if (stderr) stderr.pipe(streams.stderr!, { end: false });
    if (stdin) streams.stdin!.pipe(stdin);
    if (resize) void (async () => {
      for await (const size of streams.resize!) {
        if (resize.destroyed || resize.writableEnded) break;
        resize.write(JSON.stringify({ Width: size.width, Height: size.height }) + '\n');
      }
    })().catch(() => undefined);

    // Not raced with the session's close: when the runtime's status and its connection's end come
    // together, the status is still being read (the session keeps finished streams until read).
    await Promise.all([errorDone, settled(stdout), settled(stderr)]);
    if (streams.signal.aborted) return { error: 'client went away' };
    // A FIN with nothing before it is "success" in the older protocols; a connection that just
    // ended said nothing.
    if (!statusText && !error.peerFinished) return { error: 'the container runtime closed the stream without a status' };
    return resultFromStatus(statusText);
  } finally {
    streams.signal.removeEventListener('abort', abort);
    if (stdin) streams.stdin!.unpipe(stdin);
    session.close();
  }
}
