/**
 * The kubelet's streaming idle timeout, for any transport: the socket's byte counters are
 * sampled and the connection is closed when neither moved for `ms`. (A socket timeout would
 * not do: `ws` resets it when it takes the socket over.)
 */
import type { Duplex } from 'node:stream';

interface Counted { bytesRead?: number; bytesWritten?: number }

export function closeWhenIdle(socket: Duplex, ms: number, onIdle: () => void, now = () => Date.now()): void {
  if (!(ms > 0)) return;
  const s = socket as Duplex & Counted;
  const count = () => (s.bytesRead ?? 0) + (s.bytesWritten ?? 0);
  let last = count();
  let lastActive = now();
  const timer = setInterval(() => {
    const c = count();
    if (c !== last) { last = c; lastActive = now(); return; }
    if (now() - lastActive >= ms) { clearInterval(timer); onIdle(); }
  }, Math.min(Math.max(ms / 4, 10), 30_000));
  timer.unref();
  socket.once('close', () => clearInterval(timer));
}
