// Namespaces, events, config maps and secrets (values hidden until asked).
import type { ConfigMap, Event, Namespace, Secret } from 'kubernetes-types/core/v1.d.ts';
import { useMemo, useState } from 'preact/hooks';
import { PATHS } from '../informer.ts';
import { useList, useNow } from '../hooks.tsx';
import { age, recentEvents } from '../model.ts';
import { Badge, ErrorBox, Loading, Table } from '../ui.tsx';
import { EventTable } from './overview.tsx';

export function Namespaces({ onPick }: { onPick: (ns: string) => void }) {
  const now = useNow();
  const l = useList<Namespace>(PATHS.namespaces);
  type R = { name: string; status: string; age: string };
  const rows = l.items.map((n) => ({ name: n.metadata?.name ?? '', status: n.status?.phase ?? '', age: age(n.metadata?.creationTimestamp, now) })).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div class="page"><h1>Namespaces</h1><ErrorBox error={l.error} />
      {!l.synced ? <Loading what="namespaces" /> : <Table<R> rows={rows} rowKey={(r) => r.name} onRow={(r) => onPick(r.name)} columns={[
        { key: 'name', label: 'NAME', width: '2fr' }, { key: 'status', label: 'STATUS', render: (r) => <Badge text={r.status} /> }, { key: 'age', label: 'AGE' }]} />}
    </div>
  );
}

export function Events({ namespace }: { namespace: string }) {
  const now = useNow();
  const l = useList<Event>(PATHS.events);
  const [warnings, setWarnings] = useState(false);
  const shown = useMemo(() => recentEvents(l.items.filter((e) => !namespace || e.metadata?.namespace === namespace), { warningsOnly: warnings, limit: 500 }), [l.items, namespace, warnings]);
  return (
    <div class="page"><h1>Events</h1>
      <label><input type="checkbox" checked={warnings} onChange={(e) => setWarnings(e.currentTarget.checked)} /> Warnings only</label>
      <ErrorBox error={l.error} />{!l.synced ? <Loading what="events" /> : <EventTable events={shown} now={now} />}
    </div>
  );
}

export function ConfigMaps({ namespace }: { namespace: string }) {
  const now = useNow();
  const l = useList<ConfigMap>(PATHS.configmaps);
  const [open, setOpen] = useState<string>();
  const items = l.items.filter((c) => !namespace || c.metadata?.namespace === namespace).sort((a, b) => `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(`${b.metadata?.namespace}/${b.metadata?.name}`));
  return (
    <div class="page"><h1>Config maps</h1><ErrorBox error={l.error} />
      {!l.synced ? <Loading what="config maps" /> : items.length === 0 ? <p class="muted">None.</p> : items.map((c) => {
        const k = `${c.metadata?.namespace}/${c.metadata?.name}`;
        const keys = Object.keys({ ...c.data, ...c.binaryData });
        return (
          <div class="item" key={k}>
            <div class="item-head link" onClick={() => setOpen(open === k ? undefined : k)}><b>{k}</b> <span class="muted">{keys.length} keys · {age(c.metadata?.creationTimestamp, now)}</span></div>
            {open === k && <dl>{Object.entries(c.data ?? {}).map(([key, v]) => <><dt key={`t${key}`}>{key}</dt><dd key={`d${key}`}><pre>{v}</pre></dd></>)}
              {Object.keys(c.binaryData ?? {}).map((key) => <><dt>{key}</dt><dd class="muted">(binary)</dd></>)}</dl>}
          </div>
        );
      })}
    </div>
  );
}

const decode = (b64: string) => {
  try { return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))); } catch { return '(binary)'; }
};

export function Secrets({ namespace }: { namespace: string }) {
  const now = useNow();
  const l = useList<Secret>(PATHS.secrets);
  const [shown, setShown] = useState(new Set<string>());
  const items = l.items.filter((s) => !namespace || s.metadata?.namespace === namespace).sort((a, b) => `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(`${b.metadata?.namespace}/${b.metadata?.name}`));
  const toggle = (k: string) => setShown((s) => { const n = new Set(s); if (n.has(k)) n.delete(k); else n.add(k); return n; });
  return (
    <div class="page"><h1>Secrets</h1><ErrorBox error={l.error} />
      {!l.synced ? <Loading what="secrets" /> : items.length === 0 ? <p class="muted">None.</p> : items.map((s) => {
        const k = `${s.metadata?.namespace}/${s.metadata?.name}`;
        return (
          <div class="item" key={k}>
            <div class="item-head"><b>{k}</b> <span class="muted">{s.type} · {Object.keys(s.data ?? {}).length} keys · {age(s.metadata?.creationTimestamp, now)}</span></div>
            <dl>{Object.entries(s.data ?? {}).map(([key, v]) => {
              const id = `${k}/${key}`;
              return <><dt key={`t${id}`}>{key}</dt><dd key={`d${id}`}>{shown.has(id) ? <pre data-testid="secret-value">{decode(v)}</pre> : <span class="muted">••••••••</span>}
                <button class="small" onClick={() => toggle(id)}>{shown.has(id) ? 'Hide' : 'Show'}</button></dd></>;
            })}</dl>
          </div>
        );
      })}
    </div>
  );
}
