/**
 * Where CRI log files live, as the kubelet lays them out (pkg/kubelet/kuberuntime/helpers.go
 * BuildPodLogsDirectory / BuildContainerLogsDirectory): `<podsDir>/<ns>_<pod>_<uid>/<container>/<restartCount>.log`.
 */
import { join } from 'node:path';

export function criLogPath(podsDir: string, namespace: string, pod: string, uid: string, container: string, restartCount: number): string {
  return join(podsDir, `${namespace}_${pod}_${uid}`, container, `${restartCount}.log`);
}
