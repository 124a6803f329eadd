/**
 * The CRI container config of one container (pkg/kubelet/kuberuntime/kuberuntime_container.go
 * generateContainerConfig): command and args with $(VAR) expansion from the env, env, working
 * dir, mounts, log path `<name>/<restartCount>.log` under the sandbox's log directory,
 * resources and security context, and the labels/annotations that let a restarted kubelet know
 * the container again (name, restart count, spec hash).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import type { ContainerConfig, In } from '../cri/types.ts';
import {
  CONTAINER_HASH_ANNOTATION, CONTAINER_IMAGE_ANNOTATION, CONTAINER_NAME_LABEL, CONTAINER_TYPE_ANNOTATION,
  RESTART_COUNT_ANNOTATION, TERMINATION_GRACE_ANNOTATION,
} from '../labels.ts';
import { buildEnv, ContainerConfigError, expand, type EnvSources, type EnvWarn, type PodRuntimeFacts } from './env.ts';
import { containerHash } from './hash.ts';
import type { ContainerKind } from './observed.ts';
import { linuxResources } from './resources.ts';
import { podLabels } from './sandbox-config.ts';
import { containerSecurity, verifyRunAsNonRoot, type ImageUser } from './security.ts';
import { containerMounts } from './volumes.ts';

export interface ContainerEnv {
  /** Root of pod volume directories. */
  root: string;
  memoryCapacity: number;
  sources: EnvSources;
  facts: PodRuntimeFacts;
  /** The image's user (CRI ImageStatus), for the runAsNonRoot check; absent means root. */
  imageUser?: ImageUser;
  /** Warning events on the pod (invalid envFrom keys). */
  warn?: EnvWarn;
}

export async function containerConfig(
  pod: DeepReadonly<Pod>, c: DeepReadonly<Container>, kind: ContainerKind, restartCount: number, imageRef: string, env: ContainerEnv,
): Promise<In<ContainerConfig>> {
  const nonRoot = verifyRunAsNonRoot(pod, c, env.imageUser ?? {});
  if (nonRoot) throw new ContainerConfigError(nonRoot);
  const envs = await buildEnv(pod, c, env.facts, env.sources, env.warn);
  const vars = new Map(envs.map((e) => [e.key, e.value]));
  return {
    metadata: { name: c.name, attempt: restartCount },
    image: { image: imageRef || c.image, userSpecifiedImage: c.image },
    command: (c.command ?? []).map((s) => expand(s, vars)),
    args: (c.args ?? []).map((s) => expand(s, vars)),
    workingDir: c.workingDir ?? '',
    envs,
    mounts: await containerMounts(env.root, pod, c),
    labels: { ...podLabels(pod), [CONTAINER_NAME_LABEL]: c.name },
    annotations: {
      [CONTAINER_HASH_ANNOTATION]: containerHash(c),
      [RESTART_COUNT_ANNOTATION]: String(restartCount),
      [TERMINATION_GRACE_ANNOTATION]: String(pod.spec?.terminationGracePeriodSeconds ?? 30),
      [CONTAINER_TYPE_ANNOTATION]: kind,
      [CONTAINER_IMAGE_ANNOTATION]: c.image ?? '',
    },
    logPath: `${c.name}/${restartCount}.log`,
    stdin: !!c.stdin, stdinOnce: !!c.stdinOnce, tty: !!c.tty,
    linux: { resources: linuxResources(pod, c, env.memoryCapacity), securityContext: containerSecurity(pod, c) },
  };
}
