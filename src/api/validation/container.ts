/**
 * One container's fields (validateContainerCommon and friends in
 * pkg/apis/core/validation/validation.go): name, image, ports, env, volume mounts, resources,
 * probes. Names shared across containers are checked in pod-spec.ts.
 */
import type { Container, ContainerPort, EnvVar, Probe, VolumeMount } from 'kubernetes-types/core/v1.d.ts';
import { field, type FieldError } from '../errors.ts';
import { isConfigMapKey, isDNS1123Label, isEnvVarName, isValidPortName, isValidPortNum } from './names.ts';
import { validateResources } from './resources.ts';
import { child, index, nonNegative } from './util.ts';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];

export function dns1123Label(value: string, path: string): FieldError[] {
  return isDNS1123Label(value).map((m) => field.invalid(path, value, m));
}

/** An int port must be 1-65535; a named one must be a valid port name (validatePortNumOrName). */
export function portNumOrName(port: number | string | undefined, path: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => field.invalid(path, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => field.invalid(path, port, m));
  return [field.invalid(path, port, 'must be an int or a string')];
}

function validatePorts(ports: ContainerPort[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((p, i) => {
    const ip = index(path, i);
    if (p.name) {
      const msgs = isValidPortName(p.name);
      if (msgs.length) errs.push(...msgs.map((m) => field.invalid(child(ip, 'name'), p.name, m)));
      else if (names.has(p.name)) errs.push(field.duplicate(child(ip, 'name'), p.name));
      else names.add(p.name);
    }
    if (!p.containerPort) errs.push(field.required(child(ip, 'containerPort')));
    else errs.push(...isValidPortNum(p.containerPort).map((m) => field.invalid(child(ip, 'containerPort'), p.containerPort, m)));
    if (p.hostPort) errs.push(...isValidPortNum(p.hostPort).map((m) => field.invalid(child(ip, 'hostPort'), p.hostPort, m)));
    if (!p.protocol) errs.push(field.required(child(ip, 'protocol')));
    else if (!PROTOCOLS.includes(p.protocol)) errs.push(field.notSupported(child(ip, 'protocol'), p.protocol, PROTOCOLS));
  });
  return errs;
}

function validateEnvValueFrom(e: EnvVar, path: string): FieldError[] {
  const vf = e.valueFrom;
  if (!vf) return [];
  const errs: FieldError[] = [];
  const sources = (['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'] as const).filter((k) => vf[k]);
  if (sources.length === 0) {
    errs.push(field.invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  } else if (sources.length > 1) {
    errs.push(field.invalid(path, '', 'may not have more than one field specified at a time'));
  }
  if (sources.length > 0 && e.value) errs.push(field.invalid(path, '', 'may not be specified when `value` is not empty'));
  if (vf.fieldRef) {
    const fp = child(child(path, 'fieldRef'), 'fieldPath');
    if (!vf.fieldRef.apiVersion) errs.push(field.required(child(child(path, 'fieldRef'), 'apiVersion')));
    if (!vf.fieldRef.fieldPath) errs.push(field.required(fp));
    else if (!ENV_FIELD_PATHS.includes(vf.fieldRef.fieldPath) && !/^metadata\.(labels|annotations)\['.+'\]$/.test(vf.fieldRef.fieldPath)) {
      errs.push(field.notSupported(fp, vf.fieldRef.fieldPath, ENV_FIELD_PATHS));
    }
  }
  for (const k of ['configMapKeyRef', 'secretKeyRef'] as const) {
    const ref = vf[k];
    if (!ref) continue;
    const p = child(path, k);
    if (!ref.name) errs.push(field.required(child(p, 'name')));
    if (!ref.key) errs.push(field.required(child(p, 'key')));
    else errs.push(...isConfigMapKey(ref.key).map((m) => field.invalid(child(p, 'key'), ref.key, m)));
  }
  return errs;
}

function validateEnv(env: EnvVar[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (env ?? []).forEach((e, i) => {
    const ip = index(path, i);
    if (!e.name) errs.push(field.required(child(ip, 'name')));
    else errs.push(...isEnvVarName(e.name).map((m) => field.invalid(child(ip, 'name'), e.name, m)));
    errs.push(...validateEnvValueFrom(e, child(ip, 'valueFrom')));
  });
  return errs;
}

function validateProbe(p: Probe | undefined, path: string): FieldError[] {
  if (!p) return [];
  const errs: FieldError[] = [];
  const handlers = (['exec', 'httpGet', 'tcpSocket', 'grpc'] as const).filter((k) => p[k]);
  if (handlers.length === 0) errs.push(field.required(path, 'must specify a handler type'));
  for (const h of handlers.slice(1)) errs.push(field.forbidden(child(path, h), 'may not specify more than 1 handler type'));
  if (p.httpGet) {
    errs.push(...portNumOrName(p.httpGet.port, child(child(path, 'httpGet'), 'port')));
    const scheme = p.httpGet.scheme;
    if (scheme && scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(field.notSupported(child(child(path, 'httpGet'), 'scheme'), scheme, ['HTTP', 'HTTPS']));
  }
  if (p.tcpSocket) errs.push(...portNumOrName(p.tcpSocket.port, child(child(path, 'tcpSocket'), 'port')));
  if (p.exec && !p.exec.command?.length) errs.push(field.required(child(child(path, 'exec'), 'command')));
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
    errs.push(...nonNegative(p[f], child(path, f)));
  }
  return errs;
}

function validateMounts(mounts: VolumeMount[] | undefined, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const ip = index(path, i);
    if (!m.name) errs.push(field.required(child(ip, 'name')));
    else if (!volumes.has(m.name)) errs.push(field.notFound(child(ip, 'name'), m.name));
    if (!m.mountPath) errs.push(field.required(child(ip, 'mountPath')));
    else if (paths.has(m.mountPath)) errs.push(field.invalid(child(ip, 'mountPath'), m.mountPath, 'must be unique'));
    else paths.add(m.mountPath);
    if (m.subPath?.split('/').includes('..')) errs.push(field.invalid(child(ip, 'subPath'), m.subPath, "must not contain '..'"));
    if (m.subPath?.startsWith('/')) errs.push(field.invalid(child(ip, 'subPath'), m.subPath, 'must be a relative path'));
  });
  return errs;
}

export interface ContainerContext {
  volumes: Set<string>;
  /** Init containers without restartPolicy Always may not have probes. */
  isInit: boolean;
  hostNetwork: boolean;
}

export function validateContainer(c: Container, path: string, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(field.required(child(path, 'name')));
  else errs.push(...dns1123Label(c.name, child(path, 'name')));
  if (!c.image) errs.push(field.required(child(path, 'image')));
  else if (c.image.trim() !== c.image) errs.push(field.invalid(child(path, 'image'), c.image, 'must not have leading or trailing whitespace'));
  errs.push(...validatePorts(c.ports, child(path, 'ports')));
  errs.push(...validateEnv(c.env, child(path, 'env')));
  errs.push(...validateMounts(c.volumeMounts, ctx.volumes, child(path, 'volumeMounts')));
  errs.push(...validateResources(c.resources, child(path, 'resources')));
  const sidecar = ctx.isInit && c.restartPolicy === 'Always';
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    if (ctx.isInit && !sidecar && c[probe]) {
      errs.push(field.forbidden(child(path, probe), 'may not be set for init containers without restartPolicy=Always'));
      continue;
    }
    errs.push(...validateProbe(c[probe], child(path, probe)));
  }
  for (const probe of ['livenessProbe', 'startupProbe'] as const) {
    const st = c[probe]?.successThreshold;
    if (st !== undefined && st !== 1) errs.push(field.invalid(child(child(path, probe), 'successThreshold'), st, 'must be 1'));
  }
  if (c.restartPolicy && !(ctx.isInit && c.restartPolicy === 'Always')) {
    errs.push(field.notSupported(child(path, 'restartPolicy'), c.restartPolicy, ['Always']));
  }
  if (ctx.hostNetwork) {
    (c.ports ?? []).forEach((p, i) => {
      if (p.hostPort !== undefined && p.hostPort !== p.containerPort) {
        errs.push(field.invalid(child(index(child(path, 'ports'), i), 'containerPort'), p.containerPort, 'must match `hostPort` when `hostNetwork` is true'));
      }
    });
  }
  return errs;
}
