// The shell of the page: login gate, navigation, namespace picker, and the view the address names.
import type { Namespace } from 'kubernetes-types/core/v1.d.ts';
import { useEffect, useState } from 'preact/hooks';
import { onUnauthorized } from './api.ts';
import { PATHS } from './informer.ts';
import { go, useList, useRoute } from './hooks.tsx';
import { Overview } from './views/overview.tsx';
import { Pods } from './views/pods.tsx';
import { PodDetail } from './views/pod-detail.tsx';
import { DeploymentDetail, Deployments } from './views/deployments.tsx';
import { ConfigMaps, Events, Namespaces, Secrets } from './views/lists.tsx';
import { lazyView } from './ui.tsx';

const Create = lazyView(() => import('./views/create.tsx').then((m) => m.Create));

const NAV: [string, string][] = [['', 'Overview'], ['deployments', 'Deployments'], ['pods', 'Pods'], ['events', 'Events'],
  ['configmaps', 'Config maps'], ['secrets', 'Secrets'], ['namespaces', 'Namespaces'], ['create', '+ Create']];

export function App() {
  // Optimistic: the views' first requests double as the session check (no extra round trip
  // before the first paint); any 401 turns the page into the login box.
  const [auth, setAuth] = useState<'in' | 'out'>(location.hash.startsWith('#/login') ? 'out' : 'in');
  useEffect(() => onUnauthorized(() => setAuth('out')), []);
  if (auth === 'out') return <Login onIn={() => { setAuth('in'); }} />;
  return <Main />;
}

function Login({ onIn }: { onIn: () => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState(location.hash.includes('bad=1') ? 'That login link holds a token this dashboard does not know.' : '');
  const submit = async (e: Event) => {
    e.preventDefault();
    const r = await fetch('/_dashboard/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }), credentials: 'same-origin' });
    if (r.ok) { location.hash = '#/'; location.reload(); onIn(); } else setError('Wrong token.');
  };
  return (
    <form class="login" onSubmit={submit}>
      <h1>k8ts dashboard</h1>
      <p>Paste the token that <code>k8ts dashboard</code> printed (the part after <code>?token=</code>), or open the printed link.</p>
      <input type="password" autoFocus placeholder="token" aria-label="token" value={token} onInput={(e) => setToken(e.currentTarget.value)} />
      <button class="primary">Log in</button>
      {error && <div class="error" role="alert">{error}</div>}
    </form>
  );
}

function Main() {
  const route = useRoute();
  const [namespace, setNamespace] = useState(() => localStorage.getItem('k8ts.namespace') ?? '');
  const namespaces = useList<Namespace>(PATHS.namespaces);
  const pick = (ns: string) => { setNamespace(ns); localStorage.setItem('k8ts.namespace', ns); };
  const [view, a, b] = route.parts;
  const tab = route.query.get('tab') ?? '';
  let page;
  if (view === 'pods' && a && b) page = <PodDetail namespace={a} name={b} tab={tab} />;
  else if (view === 'pods') page = <Pods namespace={namespace} node={route.query.get('node') ?? undefined} />;
  else if (view === 'deployments' && a && b) page = <DeploymentDetail namespace={a} name={b} tab={tab} />;
  else if (view === 'deployments') page = <Deployments namespace={namespace} />;
  else if (view === 'events') page = <Events namespace={namespace} />;
  else if (view === 'configmaps') page = <ConfigMaps namespace={namespace} />;
  else if (view === 'secrets') page = <Secrets namespace={namespace} />;
  else if (view === 'namespaces') page = <Namespaces onPick={(ns) => { pick(ns); go('pods'); }} />;
  else if (view === 'create') page = <Create namespace={namespace} />;
  else page = <Overview namespace={namespace} />;
  return (
    <div class="app">
      <nav class="side">
        <div class="brand">k8ts</div>
        <label class="ns">Namespace
          <select value={namespace} onChange={(e) => pick(e.currentTarget.value)} aria-label="namespace">
            <option value="">all namespaces</option>
            {namespaces.items.map((n) => n.metadata?.name ?? '').sort().map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        {NAV.map(([p, label]) => <a key={p} href={`#/${p}`} class={(view ?? '') === p ? 'active' : ''}>{label}</a>)}
      </nav>
      <main>{page}</main>
    </div>
  );
}
