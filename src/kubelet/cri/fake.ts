// FakeRuntimeService: an in-memory CRI runtime for the kubelet's unit tests.
// It follows containerd's observable behaviour where the kubelet depends on
// it: NOT_FOUND for unknown ids on status/stop, idempotent removes, sandbox
// removal refused while the sandbox is ready, CREATED → RUNNING → EXITED with
// 'Completed' / 'Error' / 'OOMKilled' reasons, log_path joined to the
// sandbox's log directory, and images that must be present to create.
import { createHash } from 'node:crypto';
import type * as t from './types.ts';
import type { In } from './types.ts';
import { Code, CRIError, type CRIClient, type RuntimeService } from './service.ts';
import { FakeImageService } from './fake-image.ts';

export interface FakeSandbox { status: t.PodSandboxStatus; config: In<t.PodSandboxConfig> }
export interface FakeContainer { status: t.ContainerStatus; podSandboxId: string; config: In<t.ContainerConfig> }
export interface ExecResult { stdout?: string; stderr?: string; exitCode?: number }

const id64 = (seed: string) => createHash('sha256').update(seed).digest('hex');
const exitReason = (code: number) => (code === 0 ? 'Completed' : 'Error');
const matches = (labels: t.StringMap, sel: In<t.StringMap> | null | undefined) =>
  Object.entries(sel ?? {}).every(([k, v]) => labels[k] === v);

export class FakeRuntimeService implements CRIClient {
  readonly calls: { method: string; request: unknown }[] = [];
  readonly sandboxes = new Map<string, FakeSandbox>();
  readonly containers = new Map<string, FakeContainer>();
  readonly image: FakeImageService;
  readonly runtime: RuntimeService;
  /** Clock in nanoseconds since the epoch; tests may replace it. */
  now: () => number = () => Date.now() * 1e6;
  /** Answers ExecSync; the default echoes `echo …` and succeeds silently otherwise. */
  exec: (containerId: string, cmd: string[]) => ExecResult = (_id, cmd) =>
    cmd[0] === 'echo' ? { stdout: cmd.slice(1).join(' ') + '\n' } : {};
  /** Called after a container starts (e.g. to make it exit at once with exitContainer). */
  onStart: (c: FakeContainer) => void = () => {};
  conditions: t.RuntimeCondition[] = [
    { type: 'RuntimeReady', status: true, reason: '', message: '' },
    { type: 'NetworkReady', status: true, reason: '', message: '' },
  ];
  closed = false;
  private readonly failures = new Map<string, { error: CRIError; times: number }>();
  private seq = 0;
  private ip = 1;

  constructor() {
    this.image = new FakeImageService({ enter: (m, r) => this.enter(m, r) });
    this.runtime = makeRuntime(this);
  }

  /** Makes the next `times` calls of `method` (e.g. 'runPodSandbox') fail. */
  fail(method: string, code: number = Code.UNKNOWN, message = 'injected failure', times = 1): void {
    this.failures.set(method, { error: new CRIError(rpcName(method), code, message), times });
  }

  /** Logs the call, then throws an injected failure or an UNAVAILABLE after close(). */
  enter(method: string, request: unknown): void {
    this.calls.push({ method, request: structuredClone(request) });
    if (this.closed) throw new CRIError(rpcName(method), Code.UNAVAILABLE, 'client closed');
    const f = this.failures.get(method);
    if (!f) return;
    if (--f.times <= 0) this.failures.delete(method);
    throw f.error;
  }

  close(): void { this.closed = true; }

  /** Names of the calls so far, in order (handy for plan/executor assertions). */
  methods(): string[] { return this.calls.map((c) => c.method); }

  /** The container's process ends now, as if it exited by itself or was OOM-killed. */
  exitContainer(id: string, exitCode: number, reason = exitReason(exitCode), message = ''): void {
    const c = this.mustContainer('exitContainer', id);
    Object.assign(c.status, { state: 'CONTAINER_EXITED', exitCode, reason, message, finishedAt: this.now() });
  }

  sandbox(method: string, id: string | undefined | null): FakeSandbox {
    const s = this.sandboxes.get(id ?? '');
    if (!s) throw new CRIError(rpcName(method), Code.NOT_FOUND, `an error occurred when try to find sandbox "${id}": not found`);
    return s;
  }

  mustContainer(method: string, id: string | undefined | null): FakeContainer {
    const c = this.containers.get(id ?? '');
    if (!c) throw new CRIError(rpcName(method), Code.NOT_FOUND, `an error occurred when try to find container "${id}": not found`);
    return c;
  }

  newId(kind: string): string { return id64(`${kind}-${++this.seq}`); }
  nextIP(): string { return `10.88.0.${++this.ip}`; }
}

const rpcName = (m: string) => m[0].toUpperCase() + m.slice(1);

function makeRuntime(f: FakeRuntimeService): RuntimeService {
  const clone = structuredClone;
  const running = (method: string, id: string | undefined | null) => {
    const c = f.mustContainer(method, id);
    if (c.status.state !== 'CONTAINER_RUNNING') {
      throw new CRIError(rpcName(method), Code.UNKNOWN, `container ${c.status.id} is in ${c.status.state} state`);
    }
    return c;
  };
  const stop = (c: FakeContainer, exitCode: number) => {
    if (c.status.state !== 'CONTAINER_RUNNING') return;
    Object.assign(c.status, { state: 'CONTAINER_EXITED', exitCode, reason: exitReason(exitCode), finishedAt: f.now() });
  };
  const url = (kind: string) => `http://127.0.0.1:0/${kind}/${f.newId(kind).slice(0, 8)}`;
  return {
    async version(req = {}) {
      f.enter('version', req);
      return { version: '0.1.0', runtimeName: 'fake', runtimeVersion: '0.1.0', runtimeApiVersion: 'v1' };
    },
    async runPodSandbox(req) {
      f.enter('runPodSandbox', req);
      const c = req.config ?? {};
      const m = c.metadata ?? {};
      const id = f.newId('sandbox');
      f.sandboxes.set(id, {
        config: clone(c),
        status: {
          id, state: 'SANDBOX_READY', createdAt: f.now(), runtimeHandler: req.runtimeHandler ?? '',
          metadata: { name: m.name ?? '', uid: m.uid ?? '', namespace: m.namespace ?? '', attempt: m.attempt ?? 0 },
          network: { ip: f.nextIP(), additionalIps: [] }, linux: null,
          labels: { ...c.labels } as t.StringMap, annotations: { ...c.annotations } as t.StringMap,
        },
      });
      return { podSandboxId: id };
    },
    async stopPodSandbox(req) {
      f.enter('stopPodSandbox', req);
      const s = f.sandbox('stopPodSandbox', req.podSandboxId);
      for (const c of f.containers.values()) if (c.podSandboxId === s.status.id) stop(c, 137);
      s.status.state = 'SANDBOX_NOTREADY';
      return {};
    },
    async removePodSandbox(req) {
      f.enter('removePodSandbox', req);
      const s = f.sandboxes.get(req.podSandboxId ?? '');
      if (!s) return {};
      if (s.status.state === 'SANDBOX_READY') {
        throw new CRIError('RemovePodSandbox', Code.UNKNOWN, `sandbox container "${s.status.id}" is not fully stopped`);
      }
      for (const [id, c] of f.containers) if (c.podSandboxId === s.status.id) f.containers.delete(id);
      f.sandboxes.delete(s.status.id);
      return {};
    },
    async podSandboxStatus(req) {
      f.enter('podSandboxStatus', req);
      return { status: clone(f.sandbox('podSandboxStatus', req.podSandboxId).status), info: {} };
    },
    async listPodSandbox(req = {}) {
      f.enter('listPodSandbox', req);
      const fl = req.filter ?? {};
      const items = [...f.sandboxes.values()].map((s) => s.status)
        .filter((s) => (!fl.id || s.id === fl.id) && (!fl.state || s.state === (fl.state.state ?? 'SANDBOX_READY'))
          && matches(s.labels, fl.labelSelector))
        .map(({ id, metadata, state, createdAt, labels, annotations, runtimeHandler }) =>
          ({ id, metadata, state, createdAt, labels, annotations, runtimeHandler }));
      return clone({ items });
    },
    async createContainer(req) {
      f.enter('createContainer', req);
      const s = f.sandbox('createContainer', req.podSandboxId);
      const c = req.config ?? {};
      const name = c.metadata?.name ?? '';
      const attempt = c.metadata?.attempt ?? 0;
      const ref = c.image?.image ?? '';
      const image = f.image.lookup(ref);
      if (!image) throw new CRIError('CreateContainer', Code.NOT_FOUND, `failed to get image "${ref}": not found`);
      for (const o of f.containers.values()) {
        if (o.podSandboxId === s.status.id && o.status.metadata?.name === name && o.status.metadata.attempt === attempt) {
          throw new CRIError('CreateContainer', Code.UNKNOWN, `failed to reserve container name "${name}_${attempt}": name is reserved for ${o.status.id}`);
        }
      }
      const id = f.newId('container');
      const logDir = req.sandboxConfig?.logDirectory ?? s.config.logDirectory ?? '';
      f.containers.set(id, {
        podSandboxId: s.status.id, config: clone(c),
        status: {
          id, metadata: { name, attempt }, state: 'CONTAINER_CREATED', createdAt: f.now(), startedAt: 0,
          finishedAt: 0, exitCode: 0, reason: '', message: '', imageRef: image.id, imageId: image.id,
          image: { image: ref, annotations: {}, userSpecifiedImage: ref, runtimeHandler: '' },
          labels: { ...c.labels } as t.StringMap, annotations: { ...c.annotations } as t.StringMap,
          mounts: clone(c.mounts ?? []) as t.Mount[], resources: { linux: clone(c.linux?.resources ?? null) as t.LinuxContainerResources | null },
          logPath: c.logPath ? (logDir ? `${logDir.replace(/\/$/, '')}/${c.logPath}` : c.logPath) : '',
        },
      });
      return { containerId: id };
    },
    async startContainer(req) {
      f.enter('startContainer', req);
      const c = f.mustContainer('startContainer', req.containerId);
      if (c.status.state !== 'CONTAINER_CREATED') {
        throw new CRIError('StartContainer', Code.UNKNOWN, `container is in ${c.status.state} state`);
      }
      if (f.sandboxes.get(c.podSandboxId)?.status.state !== 'SANDBOX_READY') {
        throw new CRIError('StartContainer', Code.UNKNOWN, `sandbox container "${c.podSandboxId}" is not running`);
      }
      Object.assign(c.status, { state: 'CONTAINER_RUNNING', startedAt: f.now() });
      f.onStart(c);
      return {};
    },
    async stopContainer(req) {
      f.enter('stopContainer', req);
      // Busybox-like PID 1 ignores SIGTERM, so any stop ends in SIGKILL (137).
      stop(f.mustContainer('stopContainer', req.containerId), 137);
      return {};
    },
    async removeContainer(req) {
      f.enter('removeContainer', req);
      f.containers.delete(req.containerId ?? '');
      return {};
    },
    async listContainers(req = {}) {
      f.enter('listContainers', req);
      const fl = req.filter ?? {};
      const containers = [...f.containers.values()]
        .filter(({ status: s, podSandboxId }) => (!fl.id || s.id === fl.id)
          && (!fl.podSandboxId || podSandboxId === fl.podSandboxId)
          && (!fl.state || s.state === (fl.state.state ?? 'CONTAINER_CREATED')) && matches(s.labels, fl.labelSelector))
        .map(({ status: s, podSandboxId }) => ({
          id: s.id, podSandboxId, metadata: s.metadata, image: s.image, imageRef: s.imageRef, state: s.state,
          createdAt: s.createdAt, labels: s.labels, annotations: s.annotations, imageId: s.imageId,
        }));
      return clone({ containers });
    },
    async containerStatus(req) {
      f.enter('containerStatus', req);
      return { status: clone(f.mustContainer('containerStatus', req.containerId).status), info: {} };
    },
    async updateContainerResources(req) {
      f.enter('updateContainerResources', req);
      const c = f.mustContainer('updateContainerResources', req.containerId);
      c.status.resources = { linux: clone(req.linux ?? null) as t.LinuxContainerResources | null };
      return {};
    },
    async reopenContainerLog(req) {
      f.enter('reopenContainerLog', req);
      running('reopenContainerLog', req.containerId);
      return {};
    },
    async execSync(req) {
      f.enter('execSync', req);
      const c = running('execSync', req.containerId);
      const r = f.exec(c.status.id, [...(req.cmd ?? [])]);
      return { stdout: Buffer.from(r.stdout ?? ''), stderr: Buffer.from(r.stderr ?? ''), exitCode: r.exitCode ?? 0 };
    },
    async exec(req) {
      f.enter('exec', req);
      running('exec', req.containerId);
      return { url: url('exec') };
    },
    async attach(req) {
      f.enter('attach', req);
      running('attach', req.containerId);
      return { url: url('attach') };
    },
    async portForward(req) {
      f.enter('portForward', req);
      f.sandbox('portForward', req.podSandboxId);
      return { url: url('portforward') };
    },
    async containerStats(req) {
      f.enter('containerStats', req);
      return { stats: statsOf(f.mustContainer('containerStats', req.containerId), f.now()) };
    },
    async listContainerStats(req = {}) {
      f.enter('listContainerStats', req);
      const fl = req.filter ?? {};
      const stats = [...f.containers.values()]
        .filter((c) => c.status.state === 'CONTAINER_RUNNING' && (!fl.id || c.status.id === fl.id)
          && (!fl.podSandboxId || c.podSandboxId === fl.podSandboxId) && matches(c.status.labels, fl.labelSelector))
        .map((c) => statsOf(c, f.now()));
      return { stats };
    },
    async status(req = {}) {
      f.enter('status', req);
      return { status: { conditions: clone(f.conditions) }, info: {} };
    },
  };
}

function statsOf(c: FakeContainer, now: number): t.ContainerStats {
  const s = c.status;
  return {
    attributes: structuredClone({ id: s.id, metadata: s.metadata, labels: s.labels, annotations: s.annotations }),
    cpu: { timestamp: now, usageCoreNanoSeconds: { value: 0 }, usageNanoCores: { value: 0 } },
    memory: {
      timestamp: now, workingSetBytes: { value: 0 }, availableBytes: null, usageBytes: { value: 0 },
      rssBytes: { value: 0 }, pageFaults: { value: 0 }, majorPageFaults: { value: 0 },
    },
    writableLayer: null,
  };
}
