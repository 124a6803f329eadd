// In-memory ImageService for unit tests (used by FakeRuntimeService).
import { createHash } from 'node:crypto';
import type * as t from './types.ts';
import type { In } from './types.ts';
import { Code, CRIError, type ImageService } from './service.ts';

export interface FakeImageHooks {
  /** Records the call and throws an injected failure, if any. */
  enter(method: string, request: unknown): void;
}

const digestOf = (name: string) => 'sha256:' + createHash('sha256').update(name).digest('hex');

/** Images keyed by the exact reference given (the kubelet normalises names before asking). */
export class FakeImageService implements ImageService {
  readonly images = new Map<string, t.Image>();
  /** References whose pull fails with NOT_FOUND, as a registry without the image would. */
  readonly missing = new Set<string>();
  private readonly hooks: FakeImageHooks;

  constructor(hooks: FakeImageHooks) { this.hooks = hooks; }

  /** Makes `ref` present, as `ctr images import` would; returns its id. */
  add(ref: string, size = 1_000_000): string {
    const id = digestOf(ref);
    this.images.set(ref, {
      id, repoTags: [ref], repoDigests: [], size, uid: null, username: '', pinned: false,
      spec: { image: id, annotations: {}, userSpecifiedImage: '', runtimeHandler: '' },
    });
    return id;
  }

  /** Finds an image by reference or by id. */
  lookup(ref: string): t.Image | undefined {
    return this.images.get(ref) ?? [...this.images.values()].find((i) => i.id === ref);
  }

  async listImages(req: In<t.ListImagesRequest> = {}): Promise<t.ListImagesResponse> {
    this.hooks.enter('listImages', req);
    const want = req.filter?.image?.image;
    const images = [...this.images.values()].filter((i) => !want || i === this.lookup(want));
    return structuredClone({ images });
  }

  async imageStatus(req: In<t.ImageStatusRequest>): Promise<t.ImageStatusResponse> {
    this.hooks.enter('imageStatus', req);
    const image = this.lookup(req.image?.image ?? '');
    return structuredClone({ image: image ?? null, info: {} });
  }

  async pullImage(req: In<t.PullImageRequest>): Promise<t.PullImageResponse> {
    this.hooks.enter('pullImage', req);
    const ref = req.image?.image ?? '';
    if (this.missing.has(ref) || ref === '') {
      throw new CRIError('PullImage', Code.NOT_FOUND, `failed to pull and unpack image "${ref}": not found`);
    }
    return { imageRef: this.lookup(ref)?.id ?? this.add(ref) };
  }

  async removeImage(req: In<t.RemoveImageRequest>): Promise<t.Empty> {
    this.hooks.enter('removeImage', req);
    const image = this.lookup(req.image?.image ?? '');
    for (const [ref, i] of this.images) if (i === image) this.images.delete(ref);
    return {};
  }

  async imageFsInfo(req: Record<string, never> = {}): Promise<t.ImageFsInfoResponse> {
    this.hooks.enter('imageFsInfo', req);
    let used = 0;
    for (const i of this.images.values()) used += i.size;
    const fs: t.FilesystemUsage = {
      timestamp: Date.now() * 1e6, fsId: { mountpoint: '/fake/images' }, usedBytes: { value: used },
      inodesUsed: { value: this.images.size },
    };
    return { imageFilesystems: [fs], containerFilesystems: [] };
  }
}
