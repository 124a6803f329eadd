import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContainerPort } from 'kubernetes-types/core/v1.d.ts';
import { info, node, nodeInfo, pod } from '../../testing.ts';
import { SKIP } from '../../types.ts';
import { ERR_REASON, filter } from './index.ts';

const withPorts = (name: string, ...ports: ContainerPort[]) => pod(name, { containers: [{ name: 'c', image: 'i', ports }] });

test('NodePorts', () => {
  const cases = [
    { name: 'free', used: [{ containerPort: 80, hostPort: 8080 }], want: [{ containerPort: 80, hostPort: 8081 }], ok: true },
    { name: 'same port', used: [{ containerPort: 80, hostPort: 8080 }], want: [{ containerPort: 80, hostPort: 8080 }], ok: false },
    { name: 'other protocol', used: [{ containerPort: 80, hostPort: 53 }], want: [{ containerPort: 80, hostPort: 53, protocol: 'UDP' }], ok: true },
    { name: 'different IPs', used: [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' }], want: [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.2' }], ok: true },
    { name: '0.0.0.0 vs IP', used: [{ containerPort: 80, hostPort: 80 }], want: [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.2' }], ok: false },
    { name: 'IP vs 0.0.0.0', used: [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' }], want: [{ containerPort: 80, hostPort: 80 }], ok: false },
  ];
  for (const tc of cases) {
    const p = info(withPorts('p', ...tc.want));
    const ni = nodeInfo(node('n'), withPorts('a', ...tc.used));
    assert.equal(filter.filter(true, p, ni)?.reasons[0], tc.ok ? undefined : ERR_REASON, tc.name);
  }
  assert.equal(filter.preFilter!(info(pod('p')), undefined as never), SKIP);
});
