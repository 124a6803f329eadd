/**
 * Incremental SPDY/3.1 frame parser: feed it chunks of a byte stream cut anywhere (TCP segments, or the
 * WebSocket messages of kubectl 1.31+'s port-forward tunnel, which split one frame over several messages)
 * and it returns the whole frames seen so far.
 */
import { type Frame, FrameType, VERSION } from './frames.ts';

export class SpdyProtocolError extends Error {}

export class FrameParser {
  #chunks: Buffer[] = [];
  #buffered = 0;

  /** Adds bytes and returns every frame now complete, in order. Throws SpdyProtocolError on bad input. */
  push(chunk: Buffer): Frame[] {
    if (chunk.length) { this.#chunks.push(chunk); this.#buffered += chunk.length; }
    const out: Frame[] = [];
    for (;;) {
      if (this.#buffered < 8) return out;
      const head = this.#peek(8);
      const length = head.readUInt32BE(4) & 0xffffff;
      if (this.#buffered < 8 + length) return out;
      this.#take(8);
      const payload = this.#take(length);
      out.push(decode(head, payload));
    }
  }

  #peek(n: number): Buffer {
    if (this.#chunks[0].length < n) this.#chunks = [Buffer.concat(this.#chunks)];
    return this.#chunks[0].subarray(0, n);
  }

  #take(n: number): Buffer {
    this.#buffered -= n;
    if (n === 0) return Buffer.alloc(0);
    const first = this.#chunks[0];
    if (first.length === n) { this.#chunks.shift(); return first; }
    if (first.length > n) { this.#chunks[0] = first.subarray(n); return first.subarray(0, n); }
    const all = Buffer.concat(this.#chunks);
    this.#chunks = all.length > n ? [all.subarray(n)] : [];
    return all.subarray(0, n);
  }
}

function need(payload: Buffer, n: number, what: string): void {
  if (payload.length < n) throw new SpdyProtocolError(`spdy: short ${what} frame (${payload.length} bytes)`);
}

/** Decodes one frame from its 8-byte header and payload. */
export function decode(head: Buffer, payload: Buffer): Frame {
  const flags = head[4];
  if ((head[0] & 0x80) === 0) {
    const streamId = head.readUInt32BE(0) & 0x7fffffff;
    if (streamId === 0) throw new SpdyProtocolError('spdy: data frame on stream 0');
    return { type: 'data', streamId, flags, data: payload };
  }
  const version = head.readUInt16BE(0) & 0x7fff;
  if (version !== VERSION) throw new SpdyProtocolError(`spdy: unsupported version ${version}`);
  const type = head.readUInt16BE(2);
  const id = () => payload.readUInt32BE(0) & 0x7fffffff;
  switch (type) {
    case FrameType.synStream:
      need(payload, 10, 'SYN_STREAM');
      return {
        type: 'synStream', streamId: id(), associatedId: payload.readUInt32BE(4) & 0x7fffffff,
        priority: payload[8] >> 5, flags, block: payload.subarray(10),
      };
    case FrameType.synReply:
      need(payload, 4, 'SYN_REPLY');
      return { type: 'synReply', streamId: id(), flags, block: payload.subarray(4) };
    case FrameType.headers:
      need(payload, 4, 'HEADERS');
      return { type: 'headers', streamId: id(), flags, block: payload.subarray(4) };
    case FrameType.rstStream:
      need(payload, 8, 'RST_STREAM');
      return { type: 'rstStream', streamId: id(), status: payload.readUInt32BE(4) };
    case FrameType.settings: {
      need(payload, 4, 'SETTINGS');
      const n = payload.readUInt32BE(0);
      need(payload, 4 + 8 * n, 'SETTINGS');
      const entries = [];
      for (let i = 0; i < n; i++) {
        const w = payload.readUInt32BE(4 + i * 8);
        entries.push({ flags: w >>> 24, id: w & 0xffffff, value: payload.readUInt32BE(8 + i * 8) });
      }
      return { type: 'settings', flags, entries };
    }
    case FrameType.ping:
      need(payload, 4, 'PING');
      return { type: 'ping', id: payload.readUInt32BE(0) };
    case FrameType.goAway:
      need(payload, 4, 'GOAWAY');
      // SPDY/2 GOAWAY had no status; tolerate a 4-byte payload.
      return { type: 'goAway', lastStreamId: id(), status: payload.length >= 8 ? payload.readUInt32BE(4) : 0 };
    case FrameType.windowUpdate:
      need(payload, 8, 'WINDOW_UPDATE');
      return { type: 'windowUpdate', streamId: id(), delta: payload.readUInt32BE(4) & 0x7fffffff };
    default:
      return { type: 'unknown', frameType: type, flags, payload };
  }
}
