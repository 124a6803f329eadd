/**
 * SPDY/3.1 frame shapes and their wire encoding (SPDY Protocol Draft 3.1 §2.2; what moby/spdystream,
 * and so kubectl, speaks). Header blocks appear here already compressed: compression is a per-session
 * context (see header-codec.ts), so this file stays pure.
 */
export const VERSION = 3;
export const FLAG_FIN = 0x01;
export const FLAG_UNIDIRECTIONAL = 0x02;
/** The 24-bit length field caps a frame payload. */
export const MAX_PAYLOAD = 0xffffff;

export const FrameType = {
  synStream: 1, synReply: 2, rstStream: 3, settings: 4, ping: 6, goAway: 7, headers: 8, windowUpdate: 9,
} as const;

/** RST_STREAM status codes (spec §2.6.3). kubectl uses CANCEL at teardown. */
export const RstStatus = {
  protocolError: 1, invalidStream: 2, refusedStream: 3, unsupportedVersion: 4, cancel: 5, internalError: 6,
  flowControlError: 7, streamInUse: 8, streamAlreadyClosed: 9, frameTooLarge: 11,
} as const;

export type Frame =
  | { type: 'data'; streamId: number; flags: number; data: Buffer }
  | { type: 'synStream'; streamId: number; associatedId: number; priority: number; flags: number; block: Buffer }
  | { type: 'synReply'; streamId: number; flags: number; block: Buffer }
  | { type: 'headers'; streamId: number; flags: number; block: Buffer }
  | { type: 'rstStream'; streamId: number; status: number }
  | { type: 'settings'; flags: number; entries: { flags: number; id: number; value: number }[] }
  | { type: 'ping'; id: number }
  | { type: 'goAway'; lastStreamId: number; status: number }
  | { type: 'windowUpdate'; streamId: number; delta: number }
  | { type: 'unknown'; frameType: number; flags: number; payload: Buffer };

function control(type: number, flags: number, payload: Buffer): Buffer {
  if (payload.length > MAX_PAYLOAD) throw new Error(`spdy: control payload too large (${payload.length})`);
  const h = Buffer.alloc(8);
  h.writeUInt16BE(0x8000 | VERSION, 0);
  h.writeUInt16BE(type, 2);
  h.writeUInt32BE(((flags & 0xff) << 24 | payload.length) >>> 0, 4);
  return Buffer.concat([h, payload]);
}

function u32s(...values: number[]): Buffer {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, i * 4));
  return b;
}

/** Encodes one frame. DATA payloads larger than MAX_PAYLOAD must be split by the caller. */
export function encodeFrame(f: Frame): Buffer {
  switch (f.type) {
    case 'data': {
      if (f.data.length > MAX_PAYLOAD) throw new Error('spdy: data frame too large');
      const h = u32s(f.streamId & 0x7fffffff, ((f.flags & 0xff) << 24 | f.data.length) >>> 0);
      return Buffer.concat([h, f.data]);
    }
    case 'synStream': {
      const p = Buffer.alloc(10);
      p.writeUInt32BE(f.streamId & 0x7fffffff, 0);
      p.writeUInt32BE(f.associatedId & 0x7fffffff, 4);
      p[8] = (f.priority & 0x7) << 5; // p[9] is the slot, always 0
      return control(FrameType.synStream, f.flags, Buffer.concat([p, f.block]));
    }
    case 'synReply':
      return control(FrameType.synReply, f.flags, Buffer.concat([u32s(f.streamId & 0x7fffffff), f.block]));
    case 'headers':
      return control(FrameType.headers, f.flags, Buffer.concat([u32s(f.streamId & 0x7fffffff), f.block]));
    case 'rstStream':
      return control(FrameType.rstStream, 0, u32s(f.streamId & 0x7fffffff, f.status));
    case 'settings': {
      const p = Buffer.alloc(4 + 8 * f.entries.length);
      p.writeUInt32BE(f.entries.length, 0);
      f.entries.forEach((e, i) => {
        p.writeUInt32BE(((e.flags & 0xff) << 24 | (e.id & 0xffffff)) >>> 0, 4 + i * 8);
        p.writeUInt32BE(e.value >>> 0, 8 + i * 8);
      });
      return control(FrameType.settings, f.flags, p);
    }
    case 'ping':
      return control(FrameType.ping, 0, u32s(f.id));
    case 'goAway':
      return control(FrameType.goAway, 0, u32s(f.lastStreamId & 0x7fffffff, f.status));
    case 'windowUpdate':
      return control(FrameType.windowUpdate, 0, u32s(f.streamId & 0x7fffffff, f.delta & 0x7fffffff));
    case 'unknown':
      return control(f.frameType, f.flags, f.payload);
  }
}
