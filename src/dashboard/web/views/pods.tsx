// Pods: every pod, live, with namespace / label selector / text filters and sortable columns.
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { useMemo, useState } from 'preact/hooks';
import { parseLabelSelector, type Selector } from '../../../api/selectors/labels.ts';
import { PATHS } from '../informer.ts';
import { go, useList, useNow } from '../hooks.tsx';
import { filterPods, podRow, sortRows, type PodRow } from '../model.ts';
import { Badge, ErrorBox, Loading, VirtualTable, type SortState } from '../ui.tsx';

export function Pods({ namespace, node }: { namespace: string; node?: string }) {
  const now = useNow();
  const pods = useList<Pod>(PATHS.pods);
  const [text, setText] = useState(node ?? '');
  const [labels, setLabels] = useState('');
  const [sort, setSort] = useState<SortState<PodRow>>({ column: 'name', dir: 'asc' });
  const parsed = useMemo((): { selector?: Selector; error?: string } => {
    if (!labels.trim()) return {};
    try { return { selector: parseLabelSelector(labels) }; } catch (e) { return { error: (e as Error).message }; }
  }, [labels]);
  const rows = useMemo(() => pods.items.map((p) => podRow(p, now)), [pods.items, now]);
  const shown = useMemo(() => sortRows(filterPods(rows, { namespace, selector: parsed.selector, text }), sort.column, sort.dir), [rows, namespace, parsed.selector, text, sort]);
  return (
    <div class="page fill">
      <h1>Pods <small data-testid="pod-total">{pods.synced ? `${shown.length} of ${rows.length}` : ''}</small></h1>
      <div class="filters">
        <input type="search" placeholder="Filter by text (name, status, node, IP)" value={text} onInput={(e) => setText(e.currentTarget.value)} aria-label="text filter" />
        <input type="search" placeholder="Label selector, e.g. app=web,tier!=db" value={labels} onInput={(e) => setLabels(e.currentTarget.value)} aria-label="label selector"
          class={parsed.error ? 'invalid' : ''} />
      </div>
      <ErrorBox error={parsed.error ?? pods.error} />
      {!pods.synced ? <Loading what="pods" /> : (
        <VirtualTable<PodRow> rows={shown} rowKey={(r) => r.key} sort={sort} onSort={setSort}
          onRow={(r) => go(`pods/${encodeURIComponent(r.namespace)}/${encodeURIComponent(r.name)}`)} columns={[
            ...(namespace ? [] : [{ key: 'namespace' as const, label: 'NAMESPACE', width: '1fr' }]),
            { key: 'name', label: 'NAME', width: '2.2fr' },
            { key: 'ready', label: 'READY', width: '0.5fr' },
            { key: 'status', label: 'STATUS', width: '1fr', render: (r) => <Badge text={r.status} /> },
            { key: 'restartCount', label: 'RESTARTS', width: '0.8fr', render: (r) => r.restarts },
            { key: 'created', label: 'AGE', width: '0.5fr', render: (r) => r.age },
            { key: 'ip', label: 'IP', width: '0.9fr' },
            { key: 'node', label: 'NODE', width: '1.2fr' },
          ]} />
      )}
    </div>
  );
}
