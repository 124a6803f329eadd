/**
 * The framing every k8s WebSocket channel protocol shares (exec/attach `*.channel.k8s.io`, the kubelet's
 * port-forward): one channel byte then the payload in a binary message, or for the base64 variants one
 * ASCII digit `'0'+channel` then the base64 payload in a text message
 * [src: apimachinery pkg/util/httpstream/wsstream/conn.go].
 */
export const isBase64Protocol = (protocol: string) => protocol.includes('base64');

/** What to pass to `ws.send` for `data` on `channel` (a text frame for base64, else binary). */
export function encodeChannelFrame(channel: number, data: Buffer, base64: boolean): string | Buffer {
  return base64 ? String.fromCharCode(0x30 + channel) + data.toString('base64') : Buffer.concat([Buffer.from([channel]), data]);
}

/** A received message as channel and payload; undefined for an empty frame or one of the wrong kind. */
export function decodeChannelFrame(raw: Buffer, isBinary: boolean, base64: boolean): { channel: number; payload: Buffer } | undefined {
  if (raw.length === 0 || isBinary === base64) return undefined;
  return base64
    ? { channel: raw[0] - 0x30, payload: Buffer.from(raw.subarray(1).toString(), 'base64') }
    : { channel: raw[0], payload: raw.subarray(1) };
}
