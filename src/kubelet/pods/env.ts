/**
 * A container's environment as the kubelet builds it (pkg/kubelet/kubelet_pods.go
 * makeEnvironmentVariables): envFrom sources first, then env in order, each value expanded
 * with the variables defined before it ($(VAR), $$ escapes: third_party/forked/golang/expansion),
 * valueFrom fieldRef from the pod, configMapKeyRef/secretKeyRef through `sources`.
 * A missing non-optional source is a CreateContainerConfigError with Kubernetes' message.
 */
import type { Container, EnvVar, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { milliValue, parseQuantity, quantityValue } from '../../api/quantity.ts';

export interface EnvSources {
  /** The data of a ConfigMap, or undefined when it does not exist. */
  configMap(namespace: string, name: string): Promise<Record<string, string> | undefined>;
  /** The decoded data of a Secret, or undefined when it does not exist. */
  secret(namespace: string, name: string): Promise<Record<string, string> | undefined>;
}

export class ContainerConfigError extends Error {}

export interface PodRuntimeFacts {
  podIP?: string; podIPs?: string[]; hostIP?: string; hostIPs?: string[]; nodeName?: string;
  /** The node's allocatable cpu and memory: the value of a limit a container does not set. */
  allocatable?: { cpuMilli?: number; memoryBytes?: number };
}

/** Expands $(VAR) from `vars`; $$ is a literal $; unknown references stay as written. */
export function expand(s: string, vars: ReadonlyMap<string, string>): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '$' || i + 1 >= s.length) { out += s[i]; continue; }
    const n = s[i + 1];
    if (n === '$') { out += '$'; i++; continue; }
    if (n === '(') {
      const end = s.indexOf(')', i + 2);
      if (end < 0) { out += s.slice(i); break; }
      const name = s.slice(i + 2, end);
      out += vars.has(name) ? vars.get(name)! : `$(${name})`;
      i = end;
      continue;
    }
    out += '$';
  }
  return out;
}

export function fieldRefValue(pod: DeepReadonly<Pod>, path: string, f: PodRuntimeFacts): string {
  const m = pod.metadata ?? {};
  const sub = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (sub) return (m[sub[1] as 'labels' | 'annotations'] as Record<string, string> | undefined)?.[sub[2]] ?? '';
  switch (path) {
    case 'metadata.name': return m.name ?? '';
    case 'metadata.namespace': return m.namespace ?? '';
    case 'metadata.uid': return m.uid ?? '';
    case 'spec.nodeName': return pod.spec?.nodeName ?? f.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.podIP': return f.podIP ?? '';
    case 'status.podIPs': return (f.podIPs ?? (f.podIP ? [f.podIP] : [])).join(',');
    case 'status.hostIP': return f.hostIP ?? '';
    case 'status.hostIPs': return (f.hostIPs ?? (f.hostIP ? [f.hostIP] : [])).join(',');
    default: throw new ContainerConfigError(`unsupported fieldPath: ${path}`);
  }
}

/**
 * A resourceFieldRef's value (pkg/api/v1/resource ExtractContainerResourceValue): cpu rounded up to whole
 * divisors of millicores, others rounded up to whole divisors; a limit the container does not set is the
 * node's allocatable amount.
 */
export function resourceFieldValue(c: DeepReadonly<Container> | undefined, resource: string, divisor: string | undefined, f: PodRuntimeFacts = {}): string {
  const [kind, name] = resource.split('.') as ['limits' | 'requests', string];
  let q = c?.resources?.[kind]?.[name] as string | number | undefined;
  if (q === undefined && kind === 'limits') {
    if (name === 'cpu' && f.allocatable?.cpuMilli) q = `${f.allocatable.cpuMilli}m`;
    if (name === 'memory' && f.allocatable?.memoryBytes) q = f.allocatable.memoryBytes;
  }
  if (q === undefined) return '0';
  const v = parseQuantity(String(q));
  const d = parseQuantity(divisor ? String(divisor) : '1');
  if (name === 'cpu') return String(Math.ceil(milliValue(v) / milliValue(d)));
  return String(Math.ceil(quantityValue(v) / quantityValue(d)));
}

/** The classic env var name rule (k8s.io/apimachinery validation IsEnvVarName): a C identifier plus '-' and '.'. */
export const isEnvVarName = (k: string) => /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(k);

/** Warnings the kubelet records on the pod while building a container's environment. */
export type EnvWarn = (reason: string, message: string) => void;

export async function buildEnv(
  pod: DeepReadonly<Pod>, c: DeepReadonly<Container>, f: PodRuntimeFacts, sources: EnvSources, warn: EnvWarn = () => {},
): Promise<{ key: string; value: string }[]> {
  const ns = pod.metadata?.namespace ?? 'default';
  const vars = new Map<string, string>();
  for (const from of c.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref?.name) continue;
    const isCM = !!from.configMapRef;
    const data = isCM ? await sources.configMap(ns, ref.name) : await sources.secret(ns, ref.name);
    if (!data) {
      if (ref.optional) continue;
      throw new ContainerConfigError(`${isCM ? 'configmap' : 'secret'} "${ref.name}" not found`);
    }
    const invalid: string[] = [];
    for (const [k, v] of Object.entries(data)) {
      const key = (from.prefix ?? '') + k;
      if (!isEnvVarName(key)) { invalid.push(key); continue; }
      vars.set(key, v);
    }
    if (invalid.length) {
      warn('InvalidEnvironmentVariableNames', `Keys [${invalid.sort().join(', ')}] from the EnvFrom ${isCM ? 'configMap' : 'secret'} ${ns}/${ref.name} were skipped since they are considered invalid environment variable names.`);
    }
  }
  for (const e of (c.env ?? []) as readonly DeepReadonly<EnvVar>[]) {
    if (e.value !== undefined || !e.valueFrom) { vars.set(e.name, expand(e.value ?? '', vars)); continue; }
    const vf = e.valueFrom;
    if (vf.fieldRef) vars.set(e.name, fieldRefValue(pod, vf.fieldRef.fieldPath, f));
    else if (vf.resourceFieldRef) {
      const rf = vf.resourceFieldRef;
      const target = rf.containerName ? [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((x) => x.name === rf.containerName) : c;
      vars.set(e.name, resourceFieldValue(target, rf.resource, rf.divisor as string | undefined, f));
    }
    else if (vf.configMapKeyRef || vf.secretKeyRef) {
      const ref = (vf.configMapKeyRef ?? vf.secretKeyRef)!;
      const isCM = !!vf.configMapKeyRef;
      const data = isCM ? await sources.configMap(ns, ref.name ?? '') : await sources.secret(ns, ref.name ?? '');
      const v = data?.[ref.key];
      if (v === undefined) {
        if (ref.optional) continue;
        throw new ContainerConfigError(!data
          ? `${isCM ? 'configmap' : 'secret'} "${ref.name}" not found`
          : `couldn't find key ${ref.key} in ${isCM ? 'ConfigMap' : 'Secret'} ${ns}/${ref.name}`);
      }
      vars.set(e.name, v);
    }
  }
  return [...vars].map(([key, value]) => ({ key, value }));
}
