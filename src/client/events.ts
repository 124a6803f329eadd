/**
 * Events as controllers, the scheduler and node agents report them (core/v1 Event, the
 * shape `kubectl describe` and `get events` read). What is written is decided as client-go's
 * EventCorrelator decides it (event-correlator.ts): repeats update `count` on the stored
 * event, floods of similar events are combined, and a source's events about one object are
 * rate limited. Recording never throws and never
 * blocks the caller: events are best effort, as in Kubernetes. Like client-go's broadcaster
 * (k8s.io/client-go/tools/record/event.go: a queue of 1000, dropped when full), a recorder
 * writes a few events at a time and drops new ones while 1000 wait, so a burst of events
 * never crowds out the work they report.
 */
import type { Event, ObjectReference } from 'kubernetes-types/core/v1.d.ts';
import { isNotFound } from '../api/errors.ts';
import { rfc3339 } from '../api/meta.ts';
import type { Clock } from './clock.ts';
import { realClock } from './clock.ts';
import { EventCorrelator } from './event-correlator.ts';
import { EVENTS } from './resources.ts';
import { Fifo } from './fifo.ts';
import type { Client, ObjectLike } from './types.ts';

export type EventType = 'Normal' | 'Warning';

export interface EventRecorder {
  /** `obj` needs kind, apiVersion and metadata (name, namespace, uid). */
  event(obj: ObjectLike, type: EventType, reason: string, message: string, fieldPath?: string): void;
}

export interface RecorderOptions {
  clock?: Clock; host?: string; log?: (line: string) => void;
  /** Events written at once (default 4). */
  concurrency?: number;
  /** Events waiting beyond which new ones are dropped (default 1000, client-go's maxQueuedEvents). */
  maxQueued?: number;
  /**
   * Combine similar events and rate limit them per object (default true, client-go's
   * tools/record). kube-scheduler records through tools/events (events.k8s.io), which only
   * counts repeats: it passes false.
   */
  correlate?: boolean;
}

export function referenceTo(obj: ObjectLike, fieldPath?: string): ObjectReference {
  const m = obj.metadata ?? {};
  return {
    kind: obj.kind, apiVersion: obj.apiVersion, name: m.name, namespace: m.namespace, uid: m.uid,
    resourceVersion: m.resourceVersion, ...(fieldPath ? { fieldPath } : {}),
  };
}

export function newEventRecorder(client: Client, component: string, opts: RecorderOptions = {}): EventRecorder {
  const clock = opts.clock ?? realClock;
  const correlator = new EventCorrelator({ combine: opts.correlate ?? true });
  let seq = 0;
  /** The last write of each correlation key: the next one for that key waits for it (client-go writes one at a time). */
  const lastWrite = new Map<string, Promise<void>>();
  function record(ref: ObjectReference, now: Date, type: EventType, reason: string, reported: string): Promise<void> {
    const namespace = ref.namespace || 'default';
    // Names as client-go makes them: <object>.<unique hex suffix>.
    // Nanoseconds overflow a double, so the sum is a BigInt (a sequence number keeps events of one millisecond apart).
    const fresh = () => ({ name: `${ref.name}.${(BigInt(now.getTime()) * 1_000_000n + BigInt(seq++ % 1_000_000)).toString(16)}`, timestamp: rfc3339(now) });
    const c = correlator.correlate({ ref: { ...ref, namespace }, type, reason, message: reported, component, host: opts.host ?? '' },
      clock.now().getTime(), fresh);
    if (c.action === 'skip') return Promise.resolve();
    const write = async () => {
      const events = client.resource<Event>(EVENTS).namespace(namespace);
      if (c.action === 'patch') {
        try {
          await events.patch(c.name, 'application/strategic-merge-patch+json', { count: c.count, lastTimestamp: rfc3339(now), message: c.message }, { discardResult: true });
          return;
        } catch (e) {
          if (!isNotFound(e)) throw e; // gone (expired, deleted, or never made): made again below, count kept
        }
      }
      await events.create({
        apiVersion: 'v1', kind: 'Event',
        metadata: { name: c.name, namespace },
        involvedObject: ref, reason, message: c.message, type, count: c.count,
        firstTimestamp: c.firstTimestamp, lastTimestamp: rfc3339(now), eventTime: null as never,
        source: { component, ...(opts.host ? { host: opts.host } : {}) },
        reportingComponent: component, reportingInstance: opts.host ?? '',
      }, { discardResult: true });
    };
    const prev = lastWrite.get(c.key);
    const p = (prev ? prev.catch(() => undefined).then(write) : write()).finally(() => { if (lastWrite.get(c.key) === p) lastWrite.delete(c.key); });
    lastWrite.set(c.key, p);
    return p;
  }
  const concurrency = opts.concurrency ?? 4;
  const maxQueued = opts.maxQueued ?? 1000;
  const queue = new Fifo<() => Promise<void>>();
  let running = 0;
  let dropped = 0;
  const pump = () => {
    while (running < concurrency && queue.size) {
      const job = queue.shift()!;
      running++;
      void job().finally(() => { running--; pump(); });
    }
  };
  return {
    event(obj, type, reason, message, fieldPath) {
      if (queue.size >= maxQueued) {
        if (dropped++ % 1000 === 0) opts.log?.(`events of ${component}: ${dropped} dropped so far, ${maxQueued} waiting to be written`);
        return;
      }
      // The object may change after this call; what the event says is taken now.
      const at = clock.now();
      const ref = referenceTo(obj, fieldPath);
      queue.push(() => record(ref, at, type, reason, message)
        .catch((e) => opts.log?.(`event ${reason} for ${ref.name}: ${(e as Error).message}`)));
      pump();
    },
  };
}

/** Collects events in memory, for reconcile tests. */
export class FakeEventRecorder implements EventRecorder {
  readonly events: { object: string; type: EventType; reason: string; message: string }[] = [];
  event(obj: ObjectLike, type: EventType, reason: string, message: string): void {
    this.events.push({ object: `${obj.kind}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name}`, type, reason, message });
  }
}
