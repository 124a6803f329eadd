// Small shared pieces: tables (one virtualised for long lists), error boxes, status badges.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SortDir } from './model.ts';

export interface Column<R> { key: keyof R & string; label: string; width?: string; render?: (r: R) => ComponentChildren }

export function ErrorBox({ error }: { error: string | undefined }) {
  return error ? <div class="error" role="alert">{error}</div> : null;
}

const STATUS_CLASS: Record<string, string> = { Running: 'ok', Completed: 'done', Succeeded: 'done', Ready: 'ok', Active: 'ok', Normal: 'ok', Pending: 'warn', ContainerCreating: 'warn', Terminating: 'warn' };
export function Badge({ text }: { text: string }) {
  return <span class={`badge ${STATUS_CLASS[text] ?? (/Err|Fail|BackOff|NotReady|Warning|Unknown|OOM/.test(text) ? 'bad' : 'neutral')}`}>{text}</span>;
}

export interface SortState<R> { column: keyof R & string; dir: SortDir }

function Header<R>({ columns, sort, onSort }: { columns: Column<R>[]; sort?: SortState<R>; onSort?: (s: SortState<R>) => void }) {
  return (
    <div class="tr th" role="row">
      {columns.map((c) => (
        <div role="columnheader" key={c.key} class={onSort ? 'sortable' : ''}
          onClick={() => onSort?.({ column: c.key, dir: sort?.column === c.key && sort.dir === 'asc' ? 'desc' : 'asc' })}>
          {c.label}{sort?.column === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
        </div>
      ))}
    </div>
  );
}

const gridOf = <R,>(columns: Column<R>[]): Record<string, string> => ({ gridTemplateColumns: columns.map((c) => c.width ?? '1fr').join(' ') });

/** A plain table for short lists. */
export function Table<R>({ rows, columns, rowKey, onRow, empty = 'None.' }: { rows: R[]; columns: Column<R>[]; rowKey: (r: R) => string; onRow?: (r: R) => void; empty?: string }) {
  return (
    <div class="table" role="table" style={gridOf(columns)}>
      <Header columns={columns} />
      {rows.length === 0 ? <div class="empty">{empty}</div> : rows.map((r) => (
        <div role="row" class={`tr${onRow ? ' link' : ''}`} key={rowKey(r)} onClick={() => onRow?.(r)}>
          {columns.map((c) => <div role="cell" key={c.key}>{c.render ? c.render(r) : String(r[c.key] ?? '')}</div>)}
        </div>
      ))}
    </div>
  );
}

const ROW = 30;
const OVERSCAN = 8;

/**
 * Thousands of rows stay smooth: only the rows in view (and a few either side) are in the DOM;
 * a spacer keeps the scrollbar honest.
 */
export function VirtualTable<R>({ rows, columns, rowKey, onRow, sort, onSort }: {
  rows: R[]; columns: Column<R>[]; rowKey: (r: R) => string; onRow?: (r: R) => void; sort?: SortState<R>; onSort?: (s: SortState<R>) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(600);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const first = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((top + height) / ROW) + OVERSCAN);
  return (
    <div class="table vtable" role="table" aria-rowcount={rows.length} style={gridOf(columns)}>
      <Header columns={columns} sort={sort} onSort={onSort} />
      <div class="vbody" ref={box} onScroll={(e) => setTop((e.currentTarget as HTMLDivElement).scrollTop)}>
        {rows.length === 0 ? <div class="empty">No rows.</div> : (
          <div style={{ height: `${rows.length * ROW}px`, position: 'relative' }}>
            <div style={{ transform: `translateY(${first * ROW}px)` }}>
              {rows.slice(first, last).map((r) => (
                <div role="row" class={`tr${onRow ? ' link' : ''}`} style={{ ...gridOf(columns), height: `${ROW}px` }} key={rowKey(r)} onClick={() => onRow?.(r)}>
                  {columns.map((c) => <div role="cell" key={c.key}>{c.render ? c.render(r) : String(r[c.key] ?? '')}</div>)}
                </div>
              ))}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

export function Section({ title, children, actions }: { title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <section class="card">
      <header><h2>{title}</h2>{actions}</header>
      {children}
    </section>
  );
}

export function Loading({ what }: { what: string }) {
  return <div class="loading">Loading {what}…</div>;
}

/** A view whose module (and its heavy libraries: xterm, yaml) loads on first use, keeping the first paint small. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyView<C extends (p: any) => JSX.Element | null>(load: () => Promise<C>) {
  type P = Parameters<C>[0];
  let loaded: ((p: P) => JSX.Element | null) | undefined;
  return function Lazy(props: P) {
    const [, ready] = useState(0);
    useEffect(() => { if (!loaded) void load().then((c) => { loaded = c; ready(1); }); }, []);
    const C = loaded;
    return C ? <C {...props} /> : <Loading what="view" />;
  };
}
