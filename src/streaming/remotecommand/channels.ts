/** What serve.ts hands the backend, whichever transport carried it. */
import type { Readable, Writable } from 'node:stream';
import type { CommandResult, TerminalSize } from './protocols.ts';

export interface CommandStreams {
  /** Present when the query asked for stdin; ends at the client's EOF (v5 close signal, SPDY FIN). */
  stdin?: Readable;
  /** Present only for channels the client opened (never stderr with a tty). */
  stdout?: Writable;
  stderr?: Writable;
  /** Terminal sizes, present with tty. */
  resize?: AsyncIterable<TerminalSize>;
  /** Aborted when the client goes away before the command finishes: stop the process then. */
  signal: AbortSignal;
}

export interface CommandChannels {
  streams: CommandStreams;
  /** Ends the output channels, sends the status, closes the connection. */
  finish(result: CommandResult): Promise<void>;
}

/** Ends a writable and waits until its data is handed to the transport (or it died). */
export function endAndWait(w: Writable | undefined): Promise<void> {
  if (!w || w.destroyed || w.writableFinished) return Promise.resolve();
  return new Promise((resolve) => {
    w.once('finish', resolve);
    w.once('close', resolve);
    w.once('error', () => resolve());
    w.end();
  });
}
