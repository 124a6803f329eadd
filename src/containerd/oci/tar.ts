/**
 * A minimal tar writer for image layers: POSIX ustar headers, with a PAX extended header
 * ('x' entry) whenever a path or link target does not fit the 100-byte ustar fields or is
 * not plain ASCII. That is the format Docker and containerd write for layers, and every
 * reader we meet (GNU tar, Go's archive/tar in containerd) understands it.
 * Format reference: POSIX.1-2001 pax, https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html
 */

export type TarEntry =
  | { type: 'file'; path: string; data: Uint8Array | string; mode?: number; uid?: number; gid?: number }
  | { type: 'dir'; path: string; mode?: number; uid?: number; gid?: number }
  | { type: 'symlink'; path: string; target: string; uid?: number; gid?: number };

const BLOCK = 512;

/** Writes entries in order and ends with the two zero blocks tar readers expect. */
export function writeTar(entries: readonly TarEntry[], mtime = 0): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const path = e.type === 'dir' && !e.path.endsWith('/') ? `${e.path}/` : e.path;
    const target = e.type === 'symlink' ? e.target : '';
    const data = e.type === 'file' ? toBytes(e.data) : Buffer.alloc(0);
    const pax: Record<string, string> = {};
    if (!fitsUstar(path)) pax.path = path;
    if (!fitsUstar(target)) pax.linkpath = target;
    if (Object.keys(pax).length > 0) {
      const body = paxBody(pax);
      parts.push(header({ name: paxName(path), mode: 0o644, size: body.length, type: 'x', mtime }), pad(body));
    }
    const mode = e.type === 'symlink' ? 0o777 : (e.mode ?? (e.type === 'dir' ? 0o755 : 0o644));
    const type = e.type === 'file' ? '0' : e.type === 'dir' ? '5' : '2';
    parts.push(header({
      name: truncate(path), linkname: truncate(target), mode, size: data.length, type, mtime,
      uid: e.uid ?? 0, gid: e.gid ?? 0,
    }));
    if (data.length > 0) parts.push(pad(data));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

function toBytes(d: Uint8Array | string): Buffer {
  return typeof d === 'string' ? Buffer.from(d, 'utf8') : Buffer.from(d.buffer, d.byteOffset, d.byteLength);
}

function fitsUstar(s: string): boolean {
  return Buffer.byteLength(s) <= 100 && /^[\x20-\x7e]*$/.test(s);
}

/** The ustar field keeps an ASCII prefix; the PAX record carries the real value. */
function truncate(s: string): string {
  return fitsUstar(s) ? s : s.replace(/[^\x20-\x7e]/g, '_').slice(0, 100);
}

function paxName(path: string): string {
  const base = path.replace(/\/$/, '').split('/').pop() ?? 'x';
  return truncate(`PaxHeaders.0/${base}`);
}

/** Each record is "<len> <key>=<value>\n" where <len> counts the whole record, itself included. */
function paxBody(kv: Record<string, string>): Buffer {
  let out = '';
  for (const [k, v] of Object.entries(kv)) {
    const rest = ` ${k}=${v}\n`;
    const restLen = Buffer.byteLength(rest);
    let len = restLen + 1;
    while (String(len).length + restLen !== len) len = String(len).length + restLen;
    out += `${len}${rest}`;
  }
  return Buffer.from(out, 'utf8');
}

function pad(b: Buffer): Buffer {
  const rem = b.length % BLOCK;
  return rem === 0 ? b : Buffer.concat([b, Buffer.alloc(BLOCK - rem)]);
}

interface Header { name: string; linkname?: string; mode: number; size: number; type: string; mtime: number; uid?: number; gid?: number }

function header(h: Header): Buffer {
  const b = Buffer.alloc(BLOCK);
  b.write(h.name, 0, 100, 'ascii');
  octal(b, 100, 8, h.mode & 0o7777);
  octal(b, 108, 8, h.uid ?? 0);
  octal(b, 116, 8, h.gid ?? 0);
  octal(b, 124, 12, h.size);
  octal(b, 136, 12, h.mtime);
  b.write(h.type, 156, 1, 'ascii');
  b.write(h.linkname ?? '', 157, 100, 'ascii');
  b.write('ustar\u000000', 257, 8, 'ascii');
  b.write('root', 265, 32, 'ascii');
  b.write('root', 297, 32, 'ascii');
  // The checksum is computed with its own field read as eight spaces.
  b.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of b) sum += byte;
  b.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return b;
}

function octal(b: Buffer, off: number, len: number, n: number): void {
  const s = n.toString(8).padStart(len - 1, '0');
  if (s.length > len - 1) throw new Error(`tar: value ${n} does not fit a ${len}-byte field`);
  b.write(`${s}\u0000`, off, len, 'ascii');
}
