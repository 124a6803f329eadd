/**
 * The default topology-spread selector of a pod (helper.DefaultSelector in
 * pkg/scheduler/framework/plugins/helper/spread.go): the requirements of every owner-like
 * object selecting the pod, ANDed. k8ts serves ReplicaSets among those kinds, so: the
 * selectors of the pod's namespace's ReplicaSets whose selector matches the pod's labels.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { fromLabelSelector, matches, type Requirement, type Selector } from '../api/selectors/labels.ts';
import type { DeepReadonly } from '../client/freeze.ts';
import type { Lister } from '../client/lister.ts';
import type { PodInfo } from './pod-info.ts';
import type { DefaultSpreadSelector } from './types.ts';

export function replicaSetSpreadSelector(rsLister: Lister<ReplicaSet>): DefaultSpreadSelector {
  const parsed = new WeakMap<object, Selector>();
  const selectorOf = (rs: DeepReadonly<ReplicaSet>): Selector => {
    let s = parsed.get(rs);
    if (!s) {
      try { s = fromLabelSelector(rs.spec?.selector as never); } catch { s = { requirements: [], nothing: true }; }
      parsed.set(rs, s);
    }
    return s;
  };
  return (pod: PodInfo) => {
    if (!Object.keys(pod.labels).length) return undefined;
    const reqs: Requirement[] = [];
    for (const rs of rsLister.namespace(pod.namespace).list()) {
      const s = selectorOf(rs);
      if (s.nothing || !s.requirements.length || !matches(s, pod.labels as Record<string, string>)) continue;
      reqs.push(...s.requirements);
    }
    return reqs.length ? { requirements: reqs } : undefined;
  };
}
