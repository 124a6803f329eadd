/**
 * /version. The minor is the newest Kubernetes minor whose API we match, so the `kubectl`
 * dispatcher runs `kubectl.1.<minor>`; `Cache-Control: no-cache, private` keeps it from
 * caching the answer (kubectl-contract §1.1).
 */
export const KUBE_MAJOR = '1';
export const KUBE_MINOR = '33';
export const GIT_VERSION = `v${KUBE_MAJOR}.${KUBE_MINOR}.0-k8ts`;

export function versionInfo() {
  return {
    major: KUBE_MAJOR,
    minor: KUBE_MINOR,
    gitVersion: GIT_VERSION,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-11-21T00:00:00Z',
    goVersion: `node${process.versions.node}`,
    compiler: 'k8ts',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}
