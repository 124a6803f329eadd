/**
 * Events as controllers, the scheduler and node agents report them (core/v1 Event, the
 * shape `kubectl describe` and `get events` read). Repeats of one event (same object,
 * reason, message and source) update `count` and `lastTimestamp` on the stored event
 * instead of making a new one, as client-go's EventCorrelator does
 * (k8s.io/client-go/tools/record/events_cache.go). Recording never throws and never
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
  const seen = new Map<string, { name: string; namespace: string; count: number }>();
  let seq = 0;
  async function record(ref: ObjectReference, now: Date, type: EventType, reason: string, message: string, fieldPath?: string) {
    const namespace = ref.namespace || 'default';
    const key = [component, opts.host ?? '', ref.kind, namespace, ref.name, ref.uid, fieldPath ?? '', type, reason, message].join('\u0000');
    const events = client.resource<Event>(EVENTS).namespace(namespace);
    const prior = seen.get(key);
    if (prior) {
      prior.count++;
      try {
        await events.patch(prior.name, 'application/strategic-merge-patch+json', { count: prior.count, lastTimestamp: rfc3339(now) });
        return;
      } catch (e) {
        if (!isNotFound(e)) throw e;
        seen.delete(key); // the event expired or was deleted: start a new one
      }
    }
    // Names as client-go makes them: <object>.<unique hex suffix>.
    // Nanoseconds overflow a double, so the sum is a BigInt (a sequence number keeps events of one millisecond apart).
    const name = `${ref.name}.${(BigInt(now.getTime()) * 1_000_000n + BigInt(seq++ % 1_000_000)).toString(16)}`;
    const ev: Event = {
      apiVersion: 'v1', kind: 'Event',
      metadata: { name, namespace },
      involvedObject: ref, reason, message, type, count: 1,
      firstTimestamp: rfc3339(now), lastTimestamp: rfc3339(now), eventTime: null as never,
      source: { component, ...(opts.host ? { host: opts.host } : {}) },
      reportingComponent: component, reportingInstance: opts.host ?? '',
    };
    await events.create(ev);
    seen.set(key, { name, namespace, count: 1 });
    if (seen.size > 4096) seen.delete(seen.keys().next().value!);
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
      queue.push(() => record(ref, at, type, reason, message, fieldPath)
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
