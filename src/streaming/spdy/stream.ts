/**
 * One SPDY stream as a Node Duplex: writes become DATA frames, end() sends an empty DATA with FIN,
 * peer DATA is pushed, peer FIN ends the readable side, RST_STREAM destroys it.
 */
import { Duplex } from 'node:stream';
import type { SpdyHeaders } from './header-block.ts';

/** What a stream needs from its session (kept narrow so the stream file stays small). */
export interface StreamSink {
  sendData(id: number, data: Buffer, fin: boolean, cb: (err?: Error | null) => void): void;
  sendReply(id: number, headers: SpdyHeaders, fin: boolean): void;
  sendReset(id: number, status: number): void;
  /** The stream's reader wants more: the session may resume the socket. */
  wantMore(id: number): void;
  /** The stream's buffer is full: the session pauses the socket (spdystream has no flow control either). */
  blocked(id: number): void;
}

/** Go's client writes 32 KiB frames; larger ones are legal but hold up other streams. */
const CHUNK = 32 * 1024;

export class SpdyStream extends Duplex {
  readonly id: number;
  /** Headers of the SYN_STREAM (for peer-opened streams) or the ones we sent. */
  readonly headers: SpdyHeaders;
  /** For streams we opened: resolves with the SYN_REPLY headers. */
  readonly replied: Promise<SpdyHeaders>;
  /** Set when the peer reset the stream. */
  resetStatus: number | undefined;
  #sink: StreamSink;
  #repliedSent = false;
  #remoteEnded = false;
  #fin = false;
  #resolveReply!: (h: SpdyHeaders) => void;

  constructor(sink: StreamSink, id: number, headers: SpdyHeaders) {
    super({ allowHalfOpen: true });
    this.#sink = sink;
    this.id = id;
    this.headers = headers;
    this.replied = new Promise((r) => { this.#resolveReply = r; });
    this.replied.catch(() => undefined);
  }

  /** Sends SYN_REPLY (once). Required for every peer-opened stream before kubectl uses it. */
  reply(headers: SpdyHeaders = {}, fin = false): void {
    if (this.#repliedSent) return;
    this.#repliedSent = true;
    this.#sink.sendReply(this.id, headers, fin);
  }

  /** Sends RST_STREAM and tears the stream down. */
  reset(status: number): void {
    if (this.destroyed) return;
    this.#sink.sendReset(this.id, status);
    this.destroy();
  }

  override _read(): void { this.#sink.wantMore(this.id); }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (chunk.length <= CHUNK) return this.#sink.sendData(this.id, chunk, false, cb);
    let off = 0;
    const next = (err?: Error | null): void => {
      if (err || off >= chunk.length) return cb(err);
      const part = chunk.subarray(off, off + CHUNK);
      off += part.length;
      this.#sink.sendData(this.id, part, false, next);
    };
    next();
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.#sink.sendData(this.id, Buffer.alloc(0), true, cb);
  }

  // ---- called by the session ----

  /** @internal */ onData(data: Buffer, fin: boolean): void {
    if (this.#remoteEnded) return;
    if (data.length && !this.push(data)) this.#sink.blocked(this.id);
    if (fin) this.onRemoteFin();
  }

  /** @internal */ onRemoteFin(): void {
    if (this.#remoteEnded) return;
    this.#remoteEnded = true;
    this.#fin = true;
    this.push(null);
  }

  /** The peer finished its side with FIN; not set by a reset, nor when only the connection ended. */
  get peerFinished(): boolean { return this.#fin; }

  /**
   * @internal The connection ended. What the stream already received stays readable until
   * read (then 'end'), or `keepMs` pass: the peer may close the connection without a FIN on
   * every stream, right after its last data. A stream with nothing left to read is torn down now.
   */
  onSessionEnded(keepMs: number): void {
    if (this.destroyed) return;
    if (this.readableEnded || (!this.#remoteEnded && this.readableLength === 0)) { this.destroy(); return; }
    if (!this.#remoteEnded) this.push(null);
    const t = setTimeout(() => this.destroy(), keepMs);
    t.unref();
    this.once('end', () => { clearTimeout(t); this.destroy(); });
    this.once('close', () => clearTimeout(t));
  }

  /** @internal */ onReply(headers: SpdyHeaders): void { this.#resolveReply(headers); }

  /** @internal */ onReset(status: number): void {
    this.resetStatus = status;
    this.#remoteEnded = true;
    this.emit('reset', status);
    this.destroy();
  }
}
