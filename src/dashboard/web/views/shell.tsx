/**
 * A shell in the pod: xterm.js over the exec WebSocket (through the dashboard server, which adds
 * the user's credentials). Frames are the channel protocol of kubectl-contract §6.1: the first
 * byte is the stream (0 stdin, 1 stdout, 2 stderr, 3 status, 4 resize), the rest its data.
 */
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';

/** bash when the image has it, else sh. */
const SHELL = 'command -v bash >/dev/null 2>&1 && exec bash || exec sh';

export function Shell({ pod }: { pod: Pod }) {
  const containers = (pod.spec?.containers ?? []).map((c) => c.name);
  const [container, setContainer] = useState(containers[0] ?? '');
  const [session, setSession] = useState(0);
  const [state, setState] = useState('connecting');
  const host = useRef<HTMLDivElement>(null);
  const ns = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';

  useEffect(() => {
    const term = new Terminal({ fontSize: 13, fontFamily: 'ui-monospace, Menlo, Consolas, monospace', cursorBlink: true, theme: { background: '#0d1117' } });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host.current!);
    fit.fit();
    const q = new URLSearchParams({ container, stdin: 'true', stdout: 'true', stderr: 'true', tty: 'true' });
    for (const c of ['sh', '-c', SHELL]) q.append('command', c);
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(name)}/exec?${q}`,
      ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
    ws.binaryType = 'arraybuffer';
    const enc = new TextEncoder();
    const send = (channel: number, data: Uint8Array) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      const f = new Uint8Array(data.length + 1);
      f[0] = channel;
      f.set(data, 1);
      ws.send(f);
    };
    const resize = () => send(4, enc.encode(JSON.stringify({ Width: term.cols, Height: term.rows })));
    ws.onopen = () => { setState('connected'); resize(); term.focus(); };
    ws.onmessage = (m) => {
      const b = new Uint8Array(m.data as ArrayBuffer);
      if (b[0] === 1 || b[0] === 2) term.write(b.subarray(1));
      else if (b[0] === 3) {
        const st = JSON.parse(new TextDecoder().decode(b.subarray(1))) as { status?: string; message?: string };
        setState(st.status === 'Success' ? 'exited' : `exited: ${st.message ?? ''}`);
      }
    };
    ws.onclose = (e) => setState((s) => (s === 'connecting' ? `could not connect (${e.code})` : s.startsWith('exited') ? s : 'closed'));
    const input = term.onData((d) => send(0, enc.encode(d)));
    const resized = term.onResize(resize);
    const ro = new ResizeObserver(() => fit.fit());
    ro.observe(host.current!);
    return () => { ro.disconnect(); input.dispose(); resized.dispose(); ws.close(); term.dispose(); };
  }, [ns, name, container, session]);

  return (
    <div class="shell">
      <div class="toolbar">
        <label>Container <select value={container} onChange={(e) => setContainer(e.currentTarget.value)} aria-label="shell container">
          {containers.map((n) => <option key={n} value={n}>{n}</option>)}
        </select></label>
        <button onClick={() => { setState('connecting'); setSession((s) => s + 1); }}>Reconnect</button>
        <span class="muted" data-testid="shell-state">{state}</span>
      </div>
      <div class="term" ref={host} data-testid="terminal" />
    </div>
  );
}
