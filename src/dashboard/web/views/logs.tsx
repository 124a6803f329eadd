// A container's log: follow (a streaming GET of pods/log), previous instance, timestamps, download.
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { errorText, stream } from '../api.ts';
import { ErrorBox } from '../ui.tsx';

/** Kept in the page at most; older text is dropped from the top. */
const MAX_CHARS = 2_000_000;

export function Logs({ pod }: { pod: Pod }) {
  const names = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
  const [container, setContainer] = useState(pod.spec?.containers?.[0]?.name ?? '');
  const [follow, setFollow] = useState(true);
  const [previous, setPrevious] = useState(false);
  const [timestamps, setTimestamps] = useState(false);
  const [text, setText] = useState('');
  const [state, setState] = useState<'loading' | 'streaming' | 'ended'>('loading');
  const [error, setError] = useState<string>();
  const pre = useRef<HTMLPreElement>(null);
  const ns = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';

  useEffect(() => {
    const ctl = new AbortController();
    setText('');
    setError(undefined);
    setState('loading');
    const q = new URLSearchParams({ container, tailLines: '5000' });
    if (follow && !previous) q.set('follow', 'true');
    if (previous) q.set('previous', 'true');
    if (timestamps) q.set('timestamps', 'true');
    let buf = '';
    stream(`/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(name)}/log?${q}`, (s) => {
      buf = (buf + s).slice(-MAX_CHARS);
      setText(buf);
      setState('streaming');
    }, ctl.signal).then(() => setState('ended'), (e) => { if (!ctl.signal.aborted) { setError(errorText(e)); setState('ended'); } });
    return () => ctl.abort();
  }, [ns, name, container, follow, previous, timestamps]);

  useLayoutEffect(() => {
    const el = pre.current;
    if (el && follow) el.scrollTop = el.scrollHeight;
  }, [text, follow]);

  const download = () => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    a.download = `${name}-${container}${previous ? '-previous' : ''}.log`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  return (
    <div class="logs">
      <div class="toolbar">
        <label>Container <select value={container} onChange={(e) => setContainer(e.currentTarget.value)} aria-label="container">
          {names.map((n) => <option key={n} value={n}>{n}</option>)}
        </select></label>
        <label><input type="checkbox" checked={follow} onChange={(e) => setFollow(e.currentTarget.checked)} /> Follow</label>
        <label><input type="checkbox" checked={previous} onChange={(e) => setPrevious(e.currentTarget.checked)} /> Previous</label>
        <label><input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.currentTarget.checked)} /> Timestamps</label>
        <button onClick={download} disabled={!text}>Download</button>
        <span class="muted" data-testid="log-state">{state === 'streaming' && follow && !previous ? 'following…' : state}</span>
      </div>
      <ErrorBox error={error} />
      <pre class="logtext" ref={pre} data-testid="log">{text}</pre>
    </div>
  );
}
