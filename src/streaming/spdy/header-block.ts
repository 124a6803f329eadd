/**
 * SPDY/3 name/value header blocks (spec §2.6.10) and the per-connection compression contexts.
 *
 * Both directions use ONE zlib stream (with the SPDY/3 dictionary) for the whole connection, flushed with
 * Z_SYNC_FLUSH after each block: Go's spdystream keeps a single decompressor per connection
 * (spdy/read.go), so a fresh zlib stream per frame would corrupt its state.
 */
import zlib from 'node:zlib';
import { spdy3Dictionary } from './dictionary.ts';
import { SpdyProtocolError } from './parser.ts';

/** Header names are lower-case; several values of one name are joined with NUL, as on the wire. */
export type SpdyHeaders = Record<string, string>;

export function encodeHeaderBlock(headers: SpdyHeaders): Buffer {
  const entries = Object.entries(headers);
  const parts: Buffer[] = [u32(entries.length)];
  for (const [name, value] of entries) {
    const n = Buffer.from(name.toLowerCase(), 'utf8');
    const v = Buffer.from(value, 'utf8');
    parts.push(u32(n.length), n, u32(v.length), v);
  }
  return Buffer.concat(parts);
}

export function decodeHeaderBlock(raw: Buffer): SpdyHeaders {
  let off = 0;
  const read = (): Buffer => {
    if (off + 4 > raw.length) throw new SpdyProtocolError('spdy: truncated header block');
    const len = raw.readUInt32BE(off);
    off += 4;
    if (off + len > raw.length) throw new SpdyProtocolError('spdy: truncated header block');
    const b = raw.subarray(off, off + len);
    off += len;
    return b;
  };
  if (raw.length === 0) return {};
  if (raw.length < 4) throw new SpdyProtocolError('spdy: truncated header block');
  const count = raw.readUInt32BE(0);
  off = 4;
  const out: SpdyHeaders = {};
  for (let i = 0; i < count; i++) {
    const name = read().toString('utf8');
    const value = read().toString('utf8');
    if (name === '' || name !== name.toLowerCase()) throw new SpdyProtocolError(`spdy: invalid header name "${name}"`);
    out[name] = name in out ? `${out[name]}\0${value}` : value;
  }
  return out;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/**
 * One persistent zlib context. Calls are queued so each block's output is exactly what the
 * sync flush after it produced.
 */
class ZlibContext {
  #z: zlib.Inflate | zlib.Deflate;
  #out: Buffer[] = [];
  #chain: Promise<unknown> = Promise.resolve();
  #fail: ((e: Error) => void) | undefined;
  #error: Error | undefined;

  constructor(z: zlib.Inflate | zlib.Deflate) {
    this.#z = z;
    z.on('data', (c: Buffer) => this.#out.push(c));
    z.on('error', (e: Error) => { this.#error = e; this.#fail?.(e); });
  }

  run(input: Buffer): Promise<Buffer> {
    const p = this.#chain.then(() => new Promise<Buffer>((resolve, reject) => {
      if (this.#error) return reject(this.#error);
      this.#fail = reject;
      this.#z.write(input);
      this.#z.flush(zlib.constants.Z_SYNC_FLUSH, () => {
        const r = Buffer.concat(this.#out);
        this.#out = [];
        this.#fail = undefined;
        resolve(r);
      });
    }));
    this.#chain = p.catch(() => undefined);
    return p;
  }

  close(): void { this.#z.close(); }
}

export class HeaderCompressor {
  #ctx = new ZlibContext(zlib.createDeflate({ dictionary: spdy3Dictionary }));
  compress(headers: SpdyHeaders): Promise<Buffer> { return this.#ctx.run(encodeHeaderBlock(headers)); }
  close(): void { this.#ctx.close(); }
}

export class HeaderDecompressor {
  #ctx = new ZlibContext(zlib.createInflate({ dictionary: spdy3Dictionary }));
  async decompress(block: Buffer): Promise<SpdyHeaders> {
    if (block.length === 0) return {};
    return decodeHeaderBlock(await this.#ctx.run(block));
  }
  close(): void { this.#ctx.close(); }
}
