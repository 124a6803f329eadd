import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Container } from 'kubernetes-types/core/v1.d.ts';
import { podRequests } from './resources.ts';
import { pod } from './testing.ts';

const c = (name: string, cpu?: string, memory?: string, restartPolicy?: string): Container => ({
  name, image: 'i', ...(restartPolicy ? { restartPolicy } : {}),
  resources: { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } },
});

test('podRequests follows Kubernetes: max(app sum, init max), sidecars in both, overhead', () => {
  const cases: { name: string; containers: Container[]; init?: Container[]; overhead?: Record<string, string>; nonZero?: boolean; want: [number, number] }[] = [
    { name: 'sum of app containers', containers: [c('a', '100m', '1Mi'), c('b', '200m', '2Mi')], want: [300, 3 * 1024 * 1024] },
    { name: 'big init container wins', containers: [c('a', '100m')], init: [c('i', '1')], want: [1000, 0] },
    { name: 'sidecar adds to apps and to later init', containers: [c('a', '100m')], init: [c('s', '200m', undefined, 'Always'), c('i', '250m')], want: [450, 0] },
    { name: 'sidecar + app beats init', containers: [c('a', '500m')], init: [c('s', '200m', undefined, 'Always'), c('i', '600m')], want: [800, 0] },
    { name: 'overhead added', containers: [c('a', '100m')], overhead: { cpu: '50m' }, want: [150, 0] },
    { name: 'non-zero defaults', containers: [c('a'), c('b', '1')], nonZero: true, want: [1100, 400 * 1024 * 1024] },
  ];
  for (const tc of cases) {
    const p = pod('p', { containers: tc.containers, spec: { initContainers: tc.init, overhead: tc.overhead } });
    const r = podRequests(p, tc.nonZero);
    assert.deepEqual([r.milliCPU, r.memory], tc.want, tc.name);
  }
});
