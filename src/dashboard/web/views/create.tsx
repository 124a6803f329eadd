/**
 * Create from YAML, like `kubectl apply -f`: each document is sent as a server-side apply
 * (or a create when it only has generateName), and each gets its own result or the API's error.
 */
import { useState } from 'preact/hooks';
import { parseAllDocuments } from 'yaml';
import { ApiError, errorText, request } from '../api.ts';
import { collectionPath, resolveKind } from '../discovery.ts';
import type { KObject } from '../informer.ts';
import { CodeArea, placeCauses, type Problem } from './yaml-editor.tsx';

const SAMPLE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
spec:
  replicas: 2
  selector:
    matchLabels: { app: hello }
  template:
    metadata:
      labels: { app: hello }
    spec:
      containers:
      - name: hello
        image: nginx
`;

interface Result { ok: boolean; text: string }

export function Create({ namespace }: { namespace: string }) {
  const [text, setText] = useState(SAMPLE);
  const [results, setResults] = useState<Result[]>([]);
  const [marks, setMarks] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const apply = async () => {
    setBusy(true); setResults([]); setMarks([]);
    const out: Result[] = [];
    const docs = parseAllDocuments(text);
    const list = Array.isArray(docs) ? docs : [docs];
    for (const doc of list) {
      if (doc.errors.length) { out.push({ ok: false, text: `YAML: ${doc.errors[0].message}` }); continue; }
      const o = doc.toJS() as KObject | null;
      if (!o) continue;
      const what = `${(o.kind ?? '?').toLowerCase()}/${o.metadata?.name ?? o.metadata?.generateName ?? '?'}`;
      try {
        if (!o.apiVersion || !o.kind) throw new Error('apiVersion and kind are required');
        const t = await resolveKind(o.apiVersion, o.kind);
        const ns = o.metadata?.namespace ?? (namespace || 'default');
        const coll = collectionPath(t, ns);
        if (!o.metadata?.name) {
          await request('POST', coll, { body: o });
          out.push({ ok: true, text: `${what} created` });
        } else {
          await request('PATCH', `${coll}/${encodeURIComponent(o.metadata.name)}?fieldManager=k8ts-dashboard&force=true`, { body: JSON.stringify(o), contentType: 'application/apply-patch+yaml' });
          out.push({ ok: true, text: `${what} applied` });
        }
      } catch (e) {
        out.push({ ok: false, text: `${what}: ${errorText(e)}` });
        if (e instanceof ApiError && list.length === 1) setMarks(placeCauses(text, e.status.details?.causes ?? []));
      }
    }
    setResults(out);
    setBusy(false);
  };
  return (
    <div class="page">
      <h1>Create from YAML</h1>
      <p class="muted">One or more documents separated by <code>---</code>; each is applied server-side (like <code>kubectl apply --server-side</code>) in its own namespace or <b>{namespace || 'default'}</b>.</p>
      <div class="toolbar"><button class="primary" disabled={busy} onClick={apply}>Apply</button></div>
      <ul class="results" data-testid="create-results">{results.map((r, i) => <li key={i} class={r.ok ? 'ok' : 'bad'}>{r.text}</li>)}</ul>
      <CodeArea text={text} marks={marks} onInput={setText} label="manifest" />
    </div>
  );
}
