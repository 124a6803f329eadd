/**
 * Making sure a container's image is there, per imagePullPolicy, with the kubelet's events
 * and waiting reasons (pkg/kubelet/images/image_manager.go): Pulled "already present",
 * Pulling / Pulled "Successfully pulled …" / Failed "Failed to pull image …"; a failed pull is
 * ErrImagePull, and retries inside the back-off are ImagePullBackOff; Never with no image is
 * ErrImageNeverPull.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { Clock } from '../../client/clock.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import type { CRIClient } from '../cri/service.ts';
import type { In, PodSandboxConfig } from '../cri/types.ts';
import type { Backoff } from './backoff.ts';
import type { WaitingReason } from './container-statuses.ts';
import { imageBackoffKey } from './hash.ts';
import { normalizeImage } from './image-name.ts';
import { defaultPullPolicy } from '../../api/image-ref.ts';

export type Emit = (type: 'Normal' | 'Warning', reason: string, message: string) => void;

/** `retryAt`: when to sync again (ms since epoch). */
export type EnsureResult = { imageRef: string } | { failed: WaitingReason; retryAt: number };

/** After a failed pull, look again soon so the status moves on to ImagePullBackOff. */
const AFTER_PULL_ERROR_MS = 1000;
const NEVER_PULL_RETRY_MS = 10_000;

/** The API server defaults it; objects written before that may lack it. */
export function pullPolicyOf(c: DeepReadonly<Container>): string {
  return c.imagePullPolicy || defaultPullPolicy(c.image ?? '');
}

const secs = (ms: number) => `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;

export async function ensureImage(
  cri: CRIClient, clock: Clock, backoff: Backoff, pod: DeepReadonly<Pod>, c: DeepReadonly<Container>,
  sandboxConfig: In<PodSandboxConfig>, emit: Emit,
): Promise<EnsureResult> {
  const image = c.image ?? '';
  const ref = normalizeImage(image);
  const policy = pullPolicyOf(c);
  const present = policy === 'Always' ? undefined : (await cri.image.imageStatus({ image: { image: ref } })).image;
  if (present) {
    emit('Normal', 'Pulled', `Container image "${image}" already present on machine`);
    return { imageRef: present.id };
  }
  if (policy === 'Never') {
    const message = `Container image "${image}" is not present with pull policy of Never`;
    emit('Warning', 'ErrImageNeverPull', message);
    return { failed: { reason: 'ErrImageNeverPull', message }, retryAt: clock.now().getTime() + NEVER_PULL_RETRY_MS };
  }
  const key = imageBackoffKey(pod.metadata?.uid ?? '', ref);
  const start = clock.now().getTime();
  const until = backoff.inBackoffUntil(key, backoff.lastUpdate(key) ?? start, start);
  if (until !== undefined) {
    const message = `Back-off pulling image "${image}"`;
    emit('Normal', 'BackOff', message);
    return { failed: { reason: 'ImagePullBackOff', message }, retryAt: until };
  }
  emit('Normal', 'Pulling', `Pulling image "${image}"`);
  try {
    const { imageRef } = await cri.image.pullImage({ image: { image: ref }, sandboxConfig });
    const took = clock.now().getTime() - start;
    const size = (await cri.image.imageStatus({ image: { image: imageRef || ref } }).catch(() => undefined))?.image?.size;
    emit('Normal', 'Pulled', `Successfully pulled image "${image}" in ${secs(took)} (${secs(took)} including waiting).${size ? ` Image size: ${size} bytes.` : ''}`);
    backoff.reset(key);
    return { imageRef };
  } catch (e) {
    const now = clock.now().getTime();
    backoff.next(key, now, now);
    const err = (e as { details?: string }).details ?? (e as Error).message;
    const message = `Failed to pull image "${image}": ${err}`;
    emit('Warning', 'Failed', message);
    return { failed: { reason: 'ErrImagePull', message }, retryAt: now + AFTER_PULL_ERROR_MS };
  }
}
