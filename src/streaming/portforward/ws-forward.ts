/**
 * The kubelet's WebSocket port-forward (`v4.channel.k8s.io`, `?ports=a&ports=b`): port i uses channel 2i for
 * data and 2i+1 for errors, and the server's first message on each channel is the port as a little-endian
 * uint16 [kubelet pkg/kubelet/cri/streaming/portforward/websocket.go]. One connection per port per socket.
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Dialer } from './spdy-forward.ts';
import { decodeChannelFrame, encodeChannelFrame, isBase64Protocol } from '../ws-frame.ts';

export function wsPortForward(ws: WebSocket, protocol: string, ports: number[], dial: Dialer, podName: string): void {
  const base64 = isBase64Protocol(protocol);
  const send = (channel: number, data: Buffer): void => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(encodeChannelFrame(channel, data, base64), { binary: !base64 });
  };
  const conns: (Duplex | undefined)[] = [];
  const early: Buffer[][] = ports.map(() => []); // client bytes that arrive before the dial completes
  let open = ports.length;
  const done = (): void => { if (--open === 0 && ws.readyState === ws.OPEN) ws.close(1000); };

  ports.forEach((port, i) => {
    const prefix = Buffer.alloc(2);
    prefix.writeUInt16LE(port);
    send(2 * i, prefix);
    send(2 * i + 1, prefix);
    dial(port).then((conn) => {
      conns[i] = conn;
      for (const b of early[i].splice(0)) conn.write(b);
      conn.on('data', (c: Buffer) => send(2 * i, c));
      conn.on('error', (e: Error) => send(2 * i + 1, Buffer.from(`error forwarding port ${port} to pod ${podName}: ${e.message}`)));
      conn.on('close', done);
    }, (e: Error) => {
      send(2 * i + 1, Buffer.from(`error forwarding port ${port} to pod ${podName}: ${e.message}`));
      done();
    });
  });

  ws.on('message', (raw: Buffer, isBinary: boolean) => {
    const frame = decodeChannelFrame(raw, isBinary, base64);
    if (!frame) return;
    const { channel, payload } = frame;
    if (channel % 2 !== 0 || channel / 2 >= ports.length) return;
    const conn = conns[channel / 2];
    if (conn) conn.write(payload);
    else early[channel / 2].push(payload);
  });
  ws.on('close', () => { for (const c of conns) c?.destroy(); });
  ws.on('error', () => undefined);
}
