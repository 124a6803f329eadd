// Overview: nodes with capacity and requests, pods by status, recent warning events.
import type { Event, Node, Pod } from 'kubernetes-types/core/v1.d.ts';
import { useMemo } from 'preact/hooks';
import { PATHS } from '../informer.ts';
import { go, useList, useNow } from '../hooks.tsx';
import { eventAge, nodeRow, podRow, recentEvents, statusCounts, type NodeRow } from '../model.ts';
import { Badge, ErrorBox, Loading, Section, Table } from '../ui.tsx';

export function Overview({ namespace }: { namespace: string }) {
  const now = useNow();
  const nodes = useList<Node>(PATHS.nodes);
  const pods = useList<Pod>(PATHS.pods);
  const events = useList<Event>(PATHS.events);
  const nodeRows = useMemo(() => nodes.items.map((n) => nodeRow(n, pods.items, now)).sort((a, b) => a.name.localeCompare(b.name)), [nodes.items, pods.items, now]);
  const inNs = useMemo(() => pods.items.filter((p) => !namespace || p.metadata?.namespace === namespace), [pods.items, namespace]);
  const counts = useMemo(() => statusCounts(inNs.map((p) => podRow(p, now))), [inNs, now]);
  const warnings = useMemo(() => recentEvents(events.items.filter((e) => !namespace || e.metadata?.namespace === namespace), { warningsOnly: true, limit: 20 }), [events.items, namespace]);
  return (
    <div class="page overview">
      <h1>Overview</h1>
      <div class="tiles" data-testid="pod-counts">
        <div class="tile"><b>{pods.synced ? inNs.length : '…'}</b><span>pods{namespace ? ` in ${namespace}` : ''}</span></div>
        <div class="tile"><b>{nodes.synced ? nodes.items.length : '…'}</b><span>nodes</span></div>
        {counts.map(([s, n]) => <div class="tile" key={s}><b>{n}</b><span><Badge text={s} /></span></div>)}
      </div>
      <Section title="Nodes">
        <ErrorBox error={nodes.error} />
        {!nodes.synced ? <Loading what="nodes" /> : (
          <Table<NodeRow> rows={nodeRows} rowKey={(r) => r.name} columns={[
            { key: 'name', label: 'NAME', width: '2fr' },
            { key: 'ready', label: 'STATUS', render: (r) => <Badge text={r.ready} /> },
            { key: 'roles', label: 'ROLES' },
            { key: 'cpu', label: 'CPU req / alloc' },
            { key: 'memory', label: 'MEMORY req / alloc' },
            { key: 'pods', label: 'PODS', width: '0.6fr' },
            { key: 'age', label: 'AGE', width: '0.6fr' },
          ]} onRow={(r) => go(`pods?node=${encodeURIComponent(r.name)}`)} />
        )}
      </Section>
      <Section title="Recent warnings">
        <ErrorBox error={events.error} />
        <EventTable events={warnings} now={now} />
      </Section>
    </div>
  );
}

export function EventTable({ events, now, withObject = true }: { events: Event[]; now: Date; withObject?: boolean }) {
  type R = { key: string; age: string; type: string; reason: string; object: string; message: string; count: number };
  const rows: R[] = events.map((e) => ({
    key: `${e.metadata?.namespace}/${e.metadata?.name}`, age: eventAge(e, now), type: e.type ?? '', reason: e.reason ?? '',
    object: `${e.involvedObject.kind?.toLowerCase()}/${e.involvedObject.name}`, message: e.message ?? '', count: e.count ?? 1,
  }));
  return (
    <Table<R> rows={rows} rowKey={(r) => r.key} empty="No events." columns={[
      { key: 'age', label: 'LAST SEEN', width: '0.7fr' },
      { key: 'type', label: 'TYPE', width: '0.7fr', render: (r) => <Badge text={r.type} /> },
      { key: 'reason', label: 'REASON', width: '1fr' },
      ...(withObject ? [{ key: 'object' as const, label: 'OBJECT', width: '1.5fr' }] : []),
      { key: 'message', label: 'MESSAGE', width: '3fr' },
    ]} />
  );
}
