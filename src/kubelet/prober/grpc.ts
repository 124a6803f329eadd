/**
 * grpc probes (pkg/probe/grpc): grpc.health.v1.Health/Check on an insecure channel, success
 * when the answer is SERVING. The two tiny messages are encoded by hand (one string field, one
 * enum field) rather than loading a .proto for them.
 */
import { Client, credentials, Metadata, status as grpcStatus, type ServiceError } from '@grpc/grpc-js';
import { hostPort } from './net-error.ts';
import type { ProbeOutcome } from './types.ts';

const STATUS = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];

/** HealthCheckRequest { string service = 1; } */
export function encodeCheckRequest(service: string): Buffer {
  if (!service) return Buffer.alloc(0);
  const s = Buffer.from(service);
  return Buffer.concat([Buffer.from([0x0a]), varint(s.length), s]);
}

/** HealthCheckResponse { ServingStatus status = 1; } → the status number (0 when absent). */
export function decodeCheckResponse(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const key = b[i++];
    const [v, next] = readVarint(b, i);
    i = next;
    if (key === 0x08) return v;
    if ((key & 7) === 2) i += v; // a length-delimited field we do not know
  }
  return 0;
}

function varint(n: number): Buffer {
  const out: number[] = [];
  do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n);
  return Buffer.from(out);
}

function readVarint(b: Buffer, i: number): [number, number] {
  let v = 0, shift = 0;
  while (i < b.length) { const x = b[i++]; v += (x & 0x7f) * 2 ** shift; shift += 7; if (!(x & 0x80)) break; }
  return [v, i];
}

export function grpcProbe(host: string, port: number, service: string, timeoutMs: number): Promise<ProbeOutcome> {
  const addr = hostPort(host, port);
  const within = `${timeoutMs / 1000}s`;
  const client = new Client(addr, credentials.createInsecure());
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    const done = (o: ProbeOutcome) => { client.close(); resolve(o); };
    client.waitForReady(deadline, (err) => {
      if (err) return done({ result: 'failure', output: `timeout: failed to connect service "${addr}" within ${within}: ${err.message}` });
      client.makeUnaryRequest('/grpc.health.v1.Health/Check', encodeCheckRequest, decodeCheckResponse, service, new Metadata(), { deadline },
        (e: ServiceError | null, st?: number) => {
          if (e) {
            if (e.code === grpcStatus.UNIMPLEMENTED) return done({ result: 'failure', output: `this server does not implement the grpc health protocol (grpc.health.v1.Health): ${e.details}` });
            if (e.code === grpcStatus.DEADLINE_EXCEEDED) return done({ result: 'failure', output: `timeout: health rpc did not complete within ${within}` });
            return done({ result: 'failure', output: `error: health rpc probe failed: ${e.message}` });
          }
          if (st !== 1) return done({ result: 'failure', output: `service unhealthy (responded with "${STATUS[st ?? 0] ?? st}")` });
          done({ result: 'success', output: 'service healthy' });
        });
    });
  });
}
