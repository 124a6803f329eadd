/**
 * An object's YAML, editable: saving PUTs it back, and the API's validation errors (a 422
 * Status with causes) are shown in place: each cause's field marks its line in the editor.
 * managedFields are left out of the text, as `kubectl get -o yaml` does by default.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { LineCounter, parseDocument, stringify, isNode } from 'yaml';
import type { StatusCause } from 'kubernetes-types/meta/v1.d.ts';
import { ApiError, errorText, request } from '../api.ts';
import type { KObject } from '../informer.ts';
import { fieldPath } from '../model.ts';

export const toYaml = (o: KObject) => stringify({ ...o, metadata: { ...o.metadata, managedFields: undefined } }, { aliasDuplicateObjects: false });

export interface Problem { message: string; line?: number }

/** The Status' causes placed on lines of `text` where their field can be found. */
export function placeCauses(text: string, causes: StatusCause[]): Problem[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  return causes.map((c) => {
    const message = `${c.field ? `${c.field}: ` : ''}${c.message ?? c.reason ?? ''}`;
    const path = fieldPath(c.field ?? '');
    // The deepest part of the path that exists: a missing field marks its parent.
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return { message, line: lc.linePos(node.range[0]).line };
    }
    return { message };
  });
}

export function YamlEditor({ path, object }: { path: string; object: KObject }) {
  const [text, setText] = useState(() => toYaml(object));
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string>();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saved, setSaved] = useState(false);
  // Follows the live object until the user starts typing. The ref, set as the keystroke lands,
  // keeps a live update whose effect runs just after it from overwriting the edit (the state
  // seen by that effect is from the render before the keystroke).
  const editing = useRef(false);
  useEffect(() => { if (!editing.current) setText(toYaml(object)); }, [object, dirty]);

  const save = async () => {
    setError(undefined); setProblems([]); setSaved(false);
    let body: unknown;
    try { body = parseDocument(text).toJS(); } catch (e) { setError(`YAML: ${errorText(e)}`); return; }
    try {
      await request('PUT', path, { body });
      editing.current = false; setDirty(false); setSaved(true);
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError) setProblems(placeCauses(text, e.status.details?.causes ?? []));
    }
  };
  const reset = () => { editing.current = false; setDirty(false); setError(undefined); setProblems([]); setText(toYaml(object)); };
  return (
    <div class="yaml">
      <div class="toolbar">
        <button class="primary" onClick={save} disabled={!dirty}>Save</button>
        <button onClick={reset} disabled={!dirty}>Revert</button>
        <span class="muted">{dirty ? 'edited (live updates paused)' : saved ? 'saved' : 'live'}</span>
      </div>
      {error && <div class="error" role="alert" data-testid="yaml-error">{error}
        {problems.length > 0 && <ul>{problems.map((p, i) => <li key={i}>{p.line ? `line ${p.line}: ` : ''}{p.message}</li>)}</ul>}
      </div>}
      <CodeArea text={text} marks={problems} onInput={(t) => { editing.current = true; setText(t); setDirty(true); }} />
    </div>
  );
}

/** A textarea over a line-numbered copy of its text, so lines with problems can be highlighted. */
export function CodeArea({ text, marks, onInput, label = 'YAML' }: { text: string; marks: Problem[]; onInput: (t: string) => void; label?: string }) {
  const back = useRef<HTMLPreElement>(null);
  const lines = useMemo(() => text.split('\n'), [text]);
  const marked = useMemo(() => new Map(marks.filter((m) => m.line).map((m) => [m.line!, m.message])), [marks]);
  return (
    <div class="code">
      <pre class="code-back" ref={back} aria-hidden="true">
        {lines.map((l, i) => <div key={i} class={marked.has(i + 1) ? 'marked' : ''} data-line={i + 1} title={marked.get(i + 1)}>{l || ' '}</div>)}
      </pre>
      <textarea spellcheck={false} value={text} aria-label={label}
        onInput={(e) => onInput(e.currentTarget.value)}
        onScroll={(e) => { if (back.current) { back.current.scrollTop = e.currentTarget.scrollTop; back.current.scrollLeft = e.currentTarget.scrollLeft; } }} />
    </div>
  );
}
