/**
 * exec/attach over WebSocket: every message is one channel byte (or, for the base64 protocols, one ASCII
 * digit in a text frame) followed by the payload. 0 stdin, 1 stdout, 2 stderr, 3 status, 4 resize,
 * 255 close signal (v5 only: `[255, 0]` is stdin EOF)
 * [src: apimachinery pkg/util/httpstream/wsstream/conn.go; client-go tools/remotecommand/websocket.go].
 */
import { PassThrough, Writable } from 'node:stream';
import type { WebSocket } from 'ws';
import { type CommandChannels, endAndWait } from './channels.ts';
import { type RemoteCommandOptions, statusPayload } from './protocols.ts';
import { ResizeQueue } from './resize-queue.ts';
import { decodeChannelFrame, encodeChannelFrame, isBase64Protocol } from '../ws-frame.ts';

const STDIN = 0, STDOUT = 1, STDERR = 2, ERROR = 3, RESIZE = 4, CLOSE = 255;

export function wsCommandChannels(ws: WebSocket, protocol: string, opts: RemoteCommandOptions): CommandChannels {
  const base64 = isBase64Protocol(protocol);
  const ac = new AbortController();
  let finished = false;

  const send = (channel: number, data: Buffer, cb: (err?: Error | null) => void): void => {
    if (ws.readyState !== ws.OPEN) return cb(new Error('websocket closed'));
    ws.send(encodeChannelFrame(channel, data, base64), { binary: !base64 }, cb);
  };
  const output = (channel: number): Writable => {
    const w = new Writable({ write: (chunk: Buffer, _e, cb) => send(channel, chunk, cb) });
    w.on('error', () => undefined); // the client left; `signal` tells the backend
    return w;
  };

  const stdin = opts.stdin ? new PassThrough() : undefined;
  const resize = opts.tty ? new ResizeQueue() : undefined;

  ws.on('message', (raw: Buffer, isBinary: boolean) => {
    const frame = decodeChannelFrame(raw, isBinary, base64);
    if (!frame) return;
    const { channel, payload } = frame;
    if (channel === STDIN && stdin && !stdin.writableEnded) {
      if (payload.length && !stdin.write(payload)) {
        ws.pause();
        stdin.once('drain', () => ws.resume());
      }
    } else if (channel === RESIZE) {
      resize?.feed(payload);
    } else if (channel === CLOSE && payload[0] === STDIN) {
      stdin?.end();
    }
  });
  ws.on('close', () => {
    stdin?.end();
    resize?.end();
    if (!finished) ac.abort();
  });
  ws.on('error', () => undefined);

  const stdout = opts.stdout ? output(STDOUT) : undefined;
  const stderr = opts.stderr && !opts.tty ? output(STDERR) : undefined;
  return {
    streams: { stdin, stdout, stderr, resize, signal: ac.signal },
    async finish(result) {
      finished = true;
      resize?.end();
      await Promise.all([endAndWait(stdout), endAndWait(stderr)]);
      const status = statusPayload(protocol, result);
      if (status !== undefined) await new Promise<void>((r) => send(ERROR, Buffer.from(status), () => r()));
      if (ws.readyState === ws.OPEN) ws.close(1000);
    },
  };
}
