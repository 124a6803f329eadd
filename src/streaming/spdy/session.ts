/**
 * A SPDY/3.1 session over any byte Duplex (a TCP socket after the HTTP 101, or a WebSocket stream for the
 * port-forward tunnel). Server and client roles differ only in stream-id and ping-id parity.
 * Behaviour follows moby/spdystream (connection.go), the library kubectl links: no flow control
 * (WINDOW_UPDATE and SETTINGS are ignored), PINGs of the other parity are echoed unchanged,
 * backpressure comes from the socket's write() return value and 'drain'.
 */
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { encodeFrame, FLAG_FIN, type Frame, RstStatus } from './frames.ts';
import { HeaderCompressor, HeaderDecompressor, type SpdyHeaders } from './header-block.ts';
import { FrameParser } from './parser.ts';
import { SpdyStream, type StreamSink } from './stream.ts';

export interface SpdySessionOptions {
  /** Server streams and pings use even ids, clients odd ones. */
  isServer: boolean;
  /** Close the session after this long without any frame (a PING counts). 0 = never. */
  idleTimeoutMs?: number;
}

interface Pending { buf?: Buffer; cb?: (err?: Error | null) => void }

/** How long a stream the peer finished keeps unread data after the connection ended. */
const KEEP_FINISHED_MS = 10_000;

/**
 * Events: 'stream' (SpdyStream, peer-opened, headers decoded), 'goaway' (status), 'close', 'error' (Error).
 */
export class SpdySession extends EventEmitter implements StreamSink {
  readonly streams = new Map<number, SpdyStream>();
  #socket: Duplex;
  #isServer: boolean;
  #parser = new FrameParser();
  #deflate = new HeaderCompressor();
  #inflate = new HeaderDecompressor();
  #inbox: Frame[] = [];
  #busy = false;
  #out: Pending[] = [];
  #drainWaiters: ((err?: Error | null) => void)[] = [];
  #blocked = new Set<number>();
  #nextStreamId: number;
  #nextPingId: number;
  #pings = new Map<number, () => void>();
  #lastRemoteId = 0;
  #closed = false;
  #goneAway = false;
  /** The peer ended its side: what it sent is still handled, then the session closes. */
  #peerEnding = false;
  /** Why the connection failed, reported once what it delivered is handled. */
  #socketError: Error | undefined;
  #sentGoAway = false;
  #idleMs: number;
  #idleTimer: NodeJS.Timeout | undefined;

  constructor(socket: Duplex, opts: SpdySessionOptions) {
    super();
    this.#socket = socket;
    this.#isServer = opts.isServer;
    this.#nextStreamId = opts.isServer ? 2 : 1;
    this.#nextPingId = opts.isServer ? 2 : 1;
    this.#idleMs = opts.idleTimeoutMs ?? 0;
    socket.on('data', (c: Buffer) => this.#onBytes(c));
    socket.on('drain', () => this.#flushDrainWaiters());
    // A connection that fails or closes without an end (a reset: containerd's stream server
    // may reset it right after a command's status) still hands over the frames read before it.
    socket.on('end', () => this.#peerEnded());
    socket.on('close', () => this.#peerEnded());
    socket.on('error', (e: Error) => this.#peerEnded(e));
    this.#touch();
  }

  get closed(): boolean { return this.#closed; }

  /** Opens a stream (client role, or server push). The SYN_REPLY arrives on `stream.replied`. */
  openStream(headers: SpdyHeaders, opts: { fin?: boolean } = {}): SpdyStream {
    if (this.#closed) throw new Error('spdy: session closed');
    const id = this.#nextStreamId;
    this.#nextStreamId += 2;
    const s = this.#track(new SpdyStream(this, id, headers));
    const flags = opts.fin ? FLAG_FIN : 0;
    this.#enqueue(this.#deflate.compress(headers).then((block) =>
      encodeFrame({ type: 'synStream', streamId: id, associatedId: 0, priority: 0, flags, block })));
    if (opts.fin) s.end();
    return s;
  }

  /** Sends a PING and resolves when the peer echoes it. */
  ping(): Promise<void> {
    const id = this.#nextPingId;
    this.#nextPingId = (this.#nextPingId + 2) >>> 0;
    return new Promise((resolve) => {
      this.#pings.set(id, resolve);
      this.#enqueue(encodeFrame({ type: 'ping', id }));
    });
  }

  /** Sends GOAWAY, then ends the socket once queued frames are written. */
  close(status = 0): void {
    if (this.#closed) return;
    this.#goneAway = true;
    if (!this.#sentGoAway) {
      this.#sentGoAway = true;
      this.#enqueue(encodeFrame({ type: 'goAway', lastStreamId: this.#lastRemoteId, status }));
    }
    this.#out.push({ cb: () => this.#socket.end() });
    this.#pump();
  }

  destroy(err?: Error): void { this.#teardown(false, err); }

  /**
   * The peer closed the connection after its last frame. Frames still being decoded are handled
   * first, and streams the peer finished keep what they received until it is read: a command's
   * exit status often arrives in the same packet as the connection's end.
   */
  #peerEnded(err?: Error): void {
    this.#peerEnding = true;
    this.#socketError ??= err;
    if (!this.#busy) this.#teardown(true, this.#socketError);
  }

  #teardown(graceful: boolean, err?: Error): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#idleTimer);
    for (const s of this.streams.values()) {
      if (graceful) s.onSessionEnded(KEEP_FINISHED_MS);
      else s.destroy();
    }
    this.streams.clear();
    this.#deflate.close();
    this.#inflate.close();
    this.#socket.destroy();
    for (const w of this.#drainWaiters) w(new Error('spdy: session closed'));
    this.#drainWaiters = [];
    if (err) this.emit('error', err);
    this.emit('close');
  }

  // ---- StreamSink ----

  sendData(id: number, data: Buffer, fin: boolean, cb: (err?: Error | null) => void): void {
    if (this.#closed) return cb(new Error('spdy: session closed'));
    this.#enqueue(encodeFrame({ type: 'data', streamId: id, flags: fin ? FLAG_FIN : 0, data }), cb);
  }

  sendReply(id: number, headers: SpdyHeaders, fin: boolean): void {
    if (this.#closed) return;
    this.#enqueue(this.#deflate.compress(headers).then((block) =>
      encodeFrame({ type: 'synReply', streamId: id, flags: fin ? FLAG_FIN : 0, block })));
  }

  sendReset(id: number, status: number): void {
    if (this.#closed) return;
    this.#enqueue(encodeFrame({ type: 'rstStream', streamId: id, status }));
  }

  wantMore(id: number): void {
    if (this.#blocked.delete(id) && this.#blocked.size === 0) this.#socket.resume();
  }

  blocked(id: number): void {
    this.#blocked.add(id);
    this.#socket.pause();
  }

  // ---- output: frames leave in the order they were queued, header blocks included ----

  #enqueue(frame: Buffer | Promise<Buffer>, cb?: (err?: Error | null) => void): void {
    const item: Pending = { cb };
    this.#out.push(item);
    if (Buffer.isBuffer(frame)) item.buf = frame;
    else frame.then((b) => { item.buf = b; this.#pump(); }, (e: Error) => this.destroy(e));
    this.#pump();
  }

  #pump(): void {
    while (this.#out.length > 0) {
      const item = this.#out[0];
      if (item.buf === undefined) {
        if (item.cb === undefined) return; // a header block still compressing
        this.#out.shift();
        item.cb();
        continue;
      }
      this.#out.shift();
      if (this.#closed || this.#socket.writableEnded) { item.cb?.(new Error('spdy: session closed')); continue; }
      const ok = this.#socket.write(item.buf);
      if (item.cb) {
        if (ok) item.cb();
        else this.#drainWaiters.push(item.cb);
      }
    }
  }

  #flushDrainWaiters(): void {
    const ws = this.#drainWaiters;
    this.#drainWaiters = [];
    for (const w of ws) w();
  }

  // ---- input ----

  #touch(): void {
    if (!this.#idleMs) return;
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => this.close(), this.#idleMs);
    this.#idleTimer.unref();
  }

  #onBytes(chunk: Buffer): void {
    if (this.#closed) return;
    this.#touch();
    try {
      for (const f of this.#parser.push(chunk)) this.#inbox.push(f);
    } catch (e) {
      this.#enqueue(encodeFrame({ type: 'goAway', lastStreamId: this.#lastRemoteId, status: 1 }));
      this.#out.push({ cb: () => this.destroy(e as Error) });
      this.#pump();
      return;
    }
    void this.#drainInbox();
  }

  async #drainInbox(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      while (this.#inbox.length > 0 && !this.#closed) {
        const r = this.#handle(this.#inbox.shift()!);
        if (r) await r;
      }
    } catch (e) {
      this.destroy(e as Error);
    } finally {
      this.#busy = false;
    }
    if (this.#peerEnding) this.#teardown(true, this.#socketError);
  }

  #track(s: SpdyStream): SpdyStream {
    this.streams.set(s.id, s);
    s.on('close', () => {
      this.streams.delete(s.id);
      this.wantMore(s.id);
    });
    s.on('error', () => undefined); // errors surface to the stream's own users; the session stays up
    return s;
  }

  #handle(f: Frame): Promise<void> | void {
    switch (f.type) {
      case 'data': {
        const s = this.streams.get(f.streamId);
        if (s) s.onData(f.data, (f.flags & FLAG_FIN) !== 0);
        return;
      }
      case 'synStream': return this.#onSynStream(f);
      case 'synReply':
        return this.#inflate.decompress(f.block).then((h) => {
          const s = this.streams.get(f.streamId);
          if (!s) return;
          s.onReply(h);
          if (f.flags & FLAG_FIN) s.onRemoteFin();
        });
      case 'headers':
        return this.#inflate.decompress(f.block).then((h) => { this.streams.get(f.streamId)?.emit('headers', h); });
      case 'rstStream':
        this.streams.get(f.streamId)?.onReset(f.status);
        return;
      case 'ping':
        if ((f.id & 1) === (this.#isServer ? 0 : 1)) {
          const done = this.#pings.get(f.id);
          this.#pings.delete(f.id);
          done?.();
        } else {
          this.#enqueue(encodeFrame(f));
        }
        return;
      case 'goAway':
        this.#goneAway = true;
        this.emit('goaway', f.status);
        return;
      default:
        return; // SETTINGS, WINDOW_UPDATE, unknown types: ignored, as spdystream does
    }
  }

  async #onSynStream(f: Extract<Frame, { type: 'synStream' }>): Promise<void> {
    const headers = await this.#inflate.decompress(f.block);
    const peerParity = this.#isServer ? 1 : 0;
    if ((f.streamId & 1) !== peerParity || f.streamId <= this.#lastRemoteId) {
      this.sendReset(f.streamId, RstStatus.protocolError);
      return;
    }
    this.#lastRemoteId = f.streamId;
    if (this.#goneAway) {
      this.sendReset(f.streamId, RstStatus.refusedStream);
      return;
    }
    const s = this.#track(new SpdyStream(this, f.streamId, headers));
    if (f.flags & FLAG_FIN) s.onRemoteFin();
    this.emit('stream', s);
  }
}
