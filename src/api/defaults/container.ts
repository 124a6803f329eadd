/**
 * Container defaults, as pkg/apis/core/v1/defaults.go (SetDefaults_Container, _ContainerPort,
 * _Probe, _HTTPGetAction, _ObjectFieldSelector) and the generated zz_generated.defaults.go.
 */
import type { Container, EphemeralContainer, LifecycleHandler, Probe } from 'kubernetes-types/core/v1.d.ts';
import { defaultResourceList } from './resources.ts';
import { defaultPullPolicy, imageTag } from '../image-ref.ts';

export { imageTag };

function defaultHandler(h: LifecycleHandler | Probe | undefined): void {
  if (!h?.httpGet) return;
  h.httpGet.path ||= '/';
  h.httpGet.scheme ||= 'HTTP';
}

function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  p.timeoutSeconds ||= 1;
  p.periodSeconds ||= 10;
  p.successThreshold ||= 1;
  p.failureThreshold ||= 3;
  defaultHandler(p);
}

export function defaultContainer(c: Container | EphemeralContainer): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(c.image ?? '');
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  for (const p of c.ports ?? []) p.protocol ||= 'TCP';
  for (const e of c.env ?? []) {
    if (e.valueFrom?.fieldRef) e.valueFrom.fieldRef.apiVersion ||= 'v1';
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultHandler(c.lifecycle?.postStart);
  defaultHandler(c.lifecycle?.preStop);
  if (c.resources) {
    defaultResourceList(c.resources.limits as Record<string, unknown> | undefined);
    defaultResourceList(c.resources.requests as Record<string, unknown> | undefined);
  }
}
