/** core/v1 Event Table columns (printers.go eventColumnDefinitions / printEvent). */
import type { Event } from 'kubernetes-types/core/v1.d.ts';
import { age } from './age.ts';
import { desc } from './descriptions.ts';
import { col, nameColumn, type Printer } from './table.ts';

export const eventPrinter: Printer<Event> = {
  columns: [
    col('Last Seen', 'string', desc.eventLastTimestamp),
    col('Type', 'string', desc.eventType),
    col('Reason', 'string', desc.eventReason),
    col('Object', 'string', desc.eventInvolvedObject),
    col('Subobject', 'string', desc.eventFieldPath, { priority: 1 }),
    col('Source', 'string', desc.eventSource, { priority: 1 }),
    col('Message', 'string', desc.eventMessage),
    col('First Seen', 'string', desc.eventFirstTimestamp, { priority: 1 }),
    col('Count', 'string', desc.eventCount, { priority: 1 }),
    { ...nameColumn, priority: 1 },
  ],
  cells(ev, now) {
    // Events from the events.k8s.io API have no firstTimestamp: fall back to eventTime.
    const firstSeen = ev.firstTimestamp ? age(ev.firstTimestamp, now) : age(ev.eventTime, now);
    let lastSeen = ev.lastTimestamp ? age(ev.lastTimestamp, now) : firstSeen;
    let count = ev.count ?? 0;
    if (ev.series) {
      lastSeen = age(ev.series.lastObservedTime, now);
      count = ev.series.count ?? 0;
    } else if (count === 0) {
      count = 1; // singleton events carry no count in the new API
    }
    const kind = (ev.involvedObject?.kind ?? '').toLowerCase();
    const name = ev.involvedObject?.name ?? '';
    return [
      lastSeen, ev.type ?? '', ev.reason ?? '', name ? `${kind}/${name}` : kind,
      ev.involvedObject?.fieldPath ?? '', eventSource(ev), (ev.message ?? '').trim(),
      firstSeen, count, ev.metadata?.name ?? '',
    ];
  },
};

/** "component, host", each falling back to reportingController / reportingInstance. */
function eventSource(ev: Event): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}
