/**
 * The default topology-spread selector of a pod (helper.DefaultSelector in
 * pkg/scheduler/framework/plugins/helper/spread.go): the requirements of every owner-like
 * object selecting the pod, ANDed. k8ts serves ReplicaSets among those kinds, so: the
 * selectors of the pod's namespace's ReplicaSets whose selector matches the pod's labels.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { jsonEqual } from '../api/meta.ts';
import { fromLabelSelector, matches, type Requirement, type Selector } from '../api/selectors/labels.ts';
import type { DeepReadonly } from '../client/freeze.ts';
import type { SharedInformer } from '../client/informer.ts';
import type { PodInfo } from './pod-info.ts';
import type { DefaultSpreadSelector } from './types.ts';

/** Label sets remembered (all namespaces) before starting afresh. */
const MEMO_LIMIT = 10_000;

export function replicaSetSpreadSelector(replicaSets: SharedInformer<ReplicaSet>): DefaultSpreadSelector {
  const parsed = new WeakMap<object, Selector>();
  const selectorOf = (rs: DeepReadonly<ReplicaSet>): Selector => {
    let s = parsed.get(rs);
    if (!s) {
      try { s = fromLabelSelector(rs.spec?.selector as never); } catch { s = { requirements: [], nothing: true }; }
      parsed.set(rs, s);
    }
    return s;
  };
  // The answer depends only on the pod's namespace and labels and on the selectors of that
  // namespace's ReplicaSets, so it is kept per label set (a ReplicaSet's pods share theirs)
  // until a ReplicaSet there comes, goes or changes its selector: matching every ReplicaSet of
  // the namespace for every pod was a twentieth of the control-plane thread at 150 of them.
  const memo = new Map<string, Map<string, Selector | undefined>>();
  let remembered = 0;
  const forget = (rs: DeepReadonly<ReplicaSet>) => {
    const ns = rs.metadata?.namespace ?? '';
    remembered -= memo.get(ns)?.size ?? 0;
    memo.delete(ns);
  };
  replicaSets.addEventHandler({
    onAdd: forget,
    onUpdate: (old, rs) => { if (!jsonEqual(old.spec?.selector, rs.spec?.selector)) forget(rs); },
    onDelete: forget,
  });
  const compute = (pod: PodInfo): Selector | undefined => {
    const reqs: Requirement[] = [];
    for (const rs of replicaSets.lister.namespace(pod.namespace).list()) {
      const s = selectorOf(rs);
      if (s.nothing || !s.requirements.length || !matches(s, pod.labels as Record<string, string>)) continue;
      reqs.push(...s.requirements);
    }
    return reqs.length ? { requirements: reqs } : undefined;
  };
  return (pod: PodInfo) => {
    if (!Object.keys(pod.labels).length) return undefined;
    const known = memo.get(pod.namespace);
    if (known?.has(pod.labelsKey)) return known.get(pod.labelsKey);
    const sel = compute(pod);
    // Pods with labels of their own (an index, a hash per pod), or namespaces that come and go
    // without ReplicaSets, would grow it without end.
    if (remembered >= MEMO_LIMIT) { memo.clear(); remembered = 0; }
    let byLabels = memo.get(pod.namespace);
    if (!byLabels) memo.set(pod.namespace, (byLabels = new Map()));
    byLabels.set(pod.labelsKey, sel);
    remembered++;
    return sel;
  };
}
