// Deployments: the list, and one deployment with its ReplicaSets, rollout history, pods and actions.
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { useMemo, useState } from 'preact/hooks';
import { PATHS } from '../informer.ts';
import { go, useList, useNow } from '../hooks.tsx';
import { deploymentRow, podRow, rolloutHistory, type DeploymentRow, type PodRow, type Revision } from '../model.ts';
import { deploymentPath, imagePatch, pausePatch, restartPatch, rollbackPatch, scalePatch, send, type Patch } from '../actions.ts';
import { errorText, request } from '../api.ts';
import { Badge, ErrorBox, Loading, Section, Table, lazyView } from '../ui.tsx';

const YamlEditor = lazyView(() => import('./yaml-editor.tsx').then((m) => m.YamlEditor));

export function Deployments({ namespace }: { namespace: string }) {
  const now = useNow();
  const ds = useList<Deployment>(PATHS.deployments);
  const rows = useMemo(() => ds.items.filter((d) => !namespace || d.metadata?.namespace === namespace).map((d) => deploymentRow(d, now))
    .sort((a, b) => a.key.localeCompare(b.key)), [ds.items, namespace, now]);
  return (
    <div class="page">
      <h1>Deployments</h1>
      <ErrorBox error={ds.error} />
      {!ds.synced ? <Loading what="deployments" /> : (
        <Table<DeploymentRow> rows={rows} rowKey={(r) => r.key} empty="No deployments." onRow={(r) => go(`deployments/${encodeURIComponent(r.namespace)}/${encodeURIComponent(r.name)}`)} columns={[
          ...(namespace ? [] : [{ key: 'namespace' as const, label: 'NAMESPACE' }]),
          { key: 'name', label: 'NAME', width: '1.5fr', render: (r) => <>{r.name}{r.paused && <small class="muted"> (paused)</small>}</> },
          { key: 'ready', label: 'READY', width: '0.6fr' }, { key: 'upToDate', label: 'UP-TO-DATE', width: '0.7fr' },
          { key: 'available', label: 'AVAILABLE', width: '0.7fr' }, { key: 'images', label: 'IMAGES', width: '2fr' }, { key: 'age', label: 'AGE', width: '0.5fr' },
        ]} />
      )}
    </div>
  );
}

export function DeploymentDetail({ namespace, name, tab }: { namespace: string; name: string; tab: string }) {
  const now = useNow();
  const ds = useList<Deployment>(PATHS.deployments);
  const rss = useList<ReplicaSet>(PATHS.replicasets);
  const pods = useList<Pod>(PATHS.pods);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const d = ds.items.find((x) => x.metadata?.namespace === namespace && x.metadata?.name === name);
  const history = useMemo(() => (d ? rolloutHistory(d, rss.items) : []), [d, rss.items]);
  const rsUids = new Set(history.map((h) => h.rs.metadata?.uid));
  const podRows = useMemo(() => pods.items.filter((p) => (p.metadata?.ownerReferences ?? []).some((o) => rsUids.has(o.uid))).map((p) => podRow(p, now))
    .sort((a, b) => a.name.localeCompare(b.name)), [pods.items, history, now]);
  if (!ds.synced) return <Loading what="deployment" />;
  if (!d) return <div class="page"><h1>Deployment {namespace}/{name}</h1><p class="muted">Not found.</p></div>;
  const path = deploymentPath(namespace, name);
  const act = async (p: () => Patch | Promise<unknown>) => {
    setError(undefined); setBusy(true);
    try { const r = await p(); if (r && typeof r === 'object' && 'type' in r) await send(path, r as Patch); } catch (e) { setError(errorText(e)); } finally { setBusy(false); }
  };
  const row = deploymentRow(d, now);
  const containers = d.spec?.template.spec?.containers ?? [];
  const base = `deployments/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
  return (
    <div class="page detail">
      <h1><span class="kind">Deployment</span> {name} {d.spec?.paused && <Badge text="Paused" />}</h1>
      <p class="meta">namespace <b>{namespace}</b> · ready <b data-testid="deploy-ready">{row.ready}</b> · up-to-date <b>{row.upToDate}</b> · available <b>{row.available}</b> · age <b>{row.age}</b> · strategy <b>{d.spec?.strategy?.type ?? 'RollingUpdate'}</b></p>
      <nav class="tabs"><a href={`#/${base}`} class={tab !== 'yaml' ? 'active' : ''}>Overview</a><a href={`#/${base}?tab=yaml`} class={tab === 'yaml' ? 'active' : ''}>YAML</a></nav>
      <ErrorBox error={error} />
      {tab === 'yaml' ? <YamlEditor path={path} object={d} /> : (
        <>
          <Section title="Actions">
            <div class="actions">
              <form onSubmit={(e) => { e.preventDefault(); const n = Number((e.currentTarget.elements.namedItem('replicas') as HTMLInputElement).value); void act(() => scalePatch(n)); }}>
                <label>Replicas <input name="replicas" type="number" min="0" key={d.spec?.replicas} defaultValue={String(d.spec?.replicas ?? 1)} aria-label="replicas" /></label>
                <button disabled={busy}>Scale</button>
              </form>
              <form onSubmit={(e) => {
                e.preventDefault();
                const f = e.currentTarget.elements;
                const c = (f.namedItem('container') as HTMLSelectElement).value;
                const img = (f.namedItem('image') as HTMLInputElement).value.trim();
                void act(() => imagePatch(d, c, img));
              }}>
                <select name="container" aria-label="image container">{containers.map((c) => <option key={c.name}>{c.name}</option>)}</select>
                <input name="image" placeholder="new image, e.g. nginx:1.27" aria-label="image" required />
                <button disabled={busy}>Set image</button>
              </form>
              <button disabled={busy} onClick={() => act(() => restartPatch(new Date()))}>Restart</button>
              <button disabled={busy} onClick={() => act(() => pausePatch(!d.spec?.paused))}>{d.spec?.paused ? 'Resume' : 'Pause'}</button>
              <button class="danger" disabled={busy} onClick={() => confirm(`Delete deployment ${namespace}/${name}?`) && act(() => request('DELETE', path).then(() => go('deployments')))}>Delete</button>
            </div>
          </Section>
          <Section title="Rollout history">
            <Table<Revision> rows={[...history].reverse()} rowKey={(r) => r.rs.metadata?.uid ?? String(r.revision)} columns={[
              { key: 'revision', label: 'REVISION', width: '0.6fr', render: (r) => <>{r.revision}{r.current && <small class="muted"> (current)</small>}</> },
              { key: 'rs', label: 'REPLICASET', width: '1.5fr', render: (r) => `${r.rs.metadata?.name} (${r.rs.status?.readyReplicas ?? 0}/${r.rs.spec?.replicas ?? 0})` },
              { key: 'images', label: 'IMAGES', width: '1.5fr' },
              { key: 'changeCause', label: 'CHANGE-CAUSE', width: '1.5fr' },
              { key: 'current', label: '', width: '0.8fr', render: (r) => (r.current ? null : <button disabled={busy} onClick={() => act(() => rollbackPatch(r.rs))}>Roll back</button>) },
            ]} />
          </Section>
          <Section title="Pods">
            <Table<PodRow> rows={podRows} rowKey={(r) => r.key} empty="No pods." onRow={(r) => go(`pods/${encodeURIComponent(r.namespace)}/${encodeURIComponent(r.name)}`)} columns={[
              { key: 'name', label: 'NAME', width: '2fr' }, { key: 'ready', label: 'READY', width: '0.5fr' },
              { key: 'status', label: 'STATUS', render: (r) => <Badge text={r.status} /> }, { key: 'restarts', label: 'RESTARTS', width: '0.6fr' },
              { key: 'age', label: 'AGE', width: '0.5fr' }, { key: 'ip', label: 'IP' }, { key: 'node', label: 'NODE' },
            ]} />
          </Section>
        </>
      )}
    </div>
  );
}

