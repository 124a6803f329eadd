/**
 * Container defaults, as pkg/apis/core/v1/defaults.go (SetDefaults_Container, _ContainerPort,
 * _Probe, _HTTPGetAction, _ObjectFieldSelector) and the generated zz_generated.defaults.go.
 */
import type { Container, EphemeralContainer, LifecycleHandler, Probe } from 'kubernetes-types/core/v1.d.ts';
import { defaultResourceList } from './resources.ts';

/**
 * The tag of an image reference, as ParseImageName in pkg/util/parsers reports it:
 * "latest" when there is neither tag nor digest, "" when only a digest is given.
 */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const lastPart = name.slice(name.lastIndexOf('/') + 1);
  const colon = lastPart.lastIndexOf(':');
  if (colon >= 0) return lastPart.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

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
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
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
