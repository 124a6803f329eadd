/**
 * Streaming subresources (pods/log, exec, attach, portforward, proxy; nodes/proxy) are
 * served by the node agent; the API server proxies them. The node agent issue plugs its
 * handlers in here; until then they answer 503 with a clear message.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { KObject } from '../../api/meta.ts';

export interface StreamRequest {
  req: IncomingMessage;
  res?: ServerResponse;
  /** For upgrades (exec, attach, portforward over SPDY or WebSocket). */
  socket?: Duplex;
  head?: Buffer;
  pod: KObject;
  subresource: string;
  query: URLSearchParams;
  rest: string[];
}

export type StreamHandler = (r: StreamRequest) => Promise<void>;
export type StreamHandlers = Partial<Record<'log' | 'exec' | 'attach' | 'portforward' | 'proxy', StreamHandler>>;
