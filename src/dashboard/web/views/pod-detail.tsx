// One pod: containers, conditions and events (live), logs, a shell, its YAML, delete.
import type { Container, ContainerStatus, Event, Pod, Probe } from 'kubernetes-types/core/v1.d.ts';
import { useMemo, useState } from 'preact/hooks';
import { request, errorText } from '../api.ts';
import { PATHS } from '../informer.ts';
import { go, useList, useNow } from '../hooks.tsx';
import { podRow, recentEvents } from '../model.ts';
import { Badge, ErrorBox, Loading, Section, Table, lazyView } from '../ui.tsx';
import { EventTable } from './overview.tsx';
import { Logs } from './logs.tsx';

const Shell = lazyView(() => import('./shell.tsx').then((m) => m.Shell));
const YamlEditor = lazyView(() => import('./yaml-editor.tsx').then((m) => m.YamlEditor));

const TABS = ['overview', 'logs', 'shell', 'yaml'] as const;
type Tab = (typeof TABS)[number];

export function PodDetail({ namespace, name, tab }: { namespace: string; name: string; tab: string }) {
  const now = useNow();
  const pods = useList<Pod>(PATHS.pods);
  const events = useList<Event>(PATHS.events);
  const pod = pods.items.find((p) => p.metadata?.namespace === namespace && p.metadata?.name === name);
  const [error, setError] = useState<string>();
  const current: Tab = (TABS as readonly string[]).includes(tab) ? (tab as Tab) : 'overview';
  const base = `pods/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`;
  const del = async () => {
    if (!confirm(`Delete pod ${namespace}/${name}?`)) return;
    try { await request('DELETE', path); go('pods'); } catch (e) { setError(errorText(e)); }
  };
  if (!pods.synced) return <Loading what="pod" />;
  if (!pod) return <div class="page"><h1>Pod {namespace}/{name}</h1><p class="muted" data-testid="gone">This pod does not exist (any more).</p><a href="#/pods">All pods</a></div>;
  const row = podRow(pod, now);
  return (
    <div class="page detail">
      <h1>
        <span class="kind">Pod</span> {name} <Badge text={row.status} />
        <span class="spacer" />
        <button class="danger" onClick={del}>Delete</button>
      </h1>
      <p class="meta">
        namespace <b>{namespace}</b> · node <b>{row.node}</b> · IP <b>{row.ip}</b> · ready <b>{row.ready}</b> · restarts <b>{row.restarts}</b> · age <b>{row.age}</b>
        {pod.metadata?.ownerReferences?.map((o) => <span key={o.uid}> · owned by <b>{o.kind}/{o.name}</b></span>)}
      </p>
      <ErrorBox error={error} />
      <nav class="tabs">{TABS.map((t) => <a key={t} href={`#/${base}?tab=${t}`} class={t === current ? 'active' : ''}>{t === 'yaml' ? 'YAML' : t[0].toUpperCase() + t.slice(1)}</a>)}</nav>
      {current === 'overview' && <PodOverview pod={pod} events={recentEvents(events.items, { uid: pod.metadata?.uid, kind: 'Pod', name, namespace })} now={now} />}
      {current === 'logs' && <Logs pod={pod} />}
      {current === 'shell' && <Shell pod={pod} />}
      {current === 'yaml' && <YamlEditor path={path} object={pod} />}
    </div>
  );
}

const probeText = (p: Probe | undefined) => {
  if (!p) return '';
  const how = p.httpGet ? `http-get ${p.httpGet.path ?? '/'}:${p.httpGet.port}` : p.tcpSocket ? `tcp :${p.tcpSocket.port}` : p.exec ? `exec ${(p.exec.command ?? []).join(' ')}` : p.grpc ? `grpc :${p.grpc.port}` : '?';
  return `${how} delay=${p.initialDelaySeconds ?? 0}s period=${p.periodSeconds ?? 10}s`;
};

function stateText(s: ContainerStatus | undefined): string {
  if (!s?.state) return 'Waiting';
  if (s.state.running) return `Running since ${s.state.running.startedAt ?? '?'}`;
  if (s.state.terminated) return `Terminated: ${s.state.terminated.reason ?? ''} (exit ${s.state.terminated.exitCode})`;
  return `Waiting: ${s.state.waiting?.reason ?? ''}`;
}

function PodOverview({ pod, events, now }: { pod: Pod; events: Event[]; now: Date }) {
  type R = { name: string; kind: string; state: string; ready: string; image: string; ports: string; probes: string; restarts: number };
  const rows = useMemo(() => {
    const st = new Map([...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].map((s) => [s.name, s]));
    const one = (c: Container, kind: string): R => {
      const s = st.get(c.name);
      return {
        name: c.name, kind, state: stateText(s), ready: s?.ready ? 'yes' : 'no', image: c.image ?? '',
        ports: (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}${p.name ? ` (${p.name})` : ''}`).join(', '),
        probes: [c.livenessProbe && `liveness: ${probeText(c.livenessProbe)}`, c.readinessProbe && `readiness: ${probeText(c.readinessProbe)}`, c.startupProbe && `startup: ${probeText(c.startupProbe)}`].filter(Boolean).join('; '),
        restarts: s?.restartCount ?? 0,
      };
    };
    return [...(pod.spec?.initContainers ?? []).map((c) => one(c, 'init')), ...(pod.spec?.containers ?? []).map((c) => one(c, ''))];
  }, [pod]);
  return (
    <>
      <Section title="Containers">
        <Table<R> rows={rows} rowKey={(r) => r.name} columns={[
          { key: 'name', label: 'NAME', render: (r) => <>{r.name}{r.kind && <small class="muted"> ({r.kind})</small>}</> },
          { key: 'state', label: 'STATE', width: '2fr' },
          { key: 'ready', label: 'READY', width: '0.5fr' },
          { key: 'restarts', label: 'RESTARTS', width: '0.6fr' },
          { key: 'image', label: 'IMAGE', width: '1.5fr' },
          { key: 'ports', label: 'PORTS' },
          { key: 'probes', label: 'PROBES', width: '2fr' },
        ]} />
      </Section>
      <Section title="Conditions">
        <Table rows={pod.status?.conditions ?? []} rowKey={(c) => c.type} columns={[
          { key: 'type', label: 'TYPE' }, { key: 'status', label: 'STATUS' }, { key: 'reason', label: 'REASON' },
          { key: 'lastTransitionTime', label: 'SINCE' }, { key: 'message', label: 'MESSAGE', width: '2fr' },
        ]} />
      </Section>
      <Section title="Events"><EventTable events={events} now={now} withObject={false} /></Section>
    </>
  );
}
