/** Shared by the containerd tests: why a real-containerd test must skip here, and a unique name. */
import { existsSync } from 'node:fs';
import { findBinary } from './config.ts';
import { findCNIBinDir } from './cni-config.ts';

export function realContainerdSkip(): string | false {
  if (process.getuid?.() !== 0) return 'needs root';
  for (const b of ['containerd', 'ctr', 'runc', 'containerd-shim-runc-v2']) if (!findBinary([b])) return `${b} not installed`;
  if (!findCNIBinDir()) return 'containernetworking-plugins not installed';
  if (!['/usr/bin/catatonit', '/usr/libexec/catatonit/catatonit'].some((p) => existsSync(p))) return 'catatonit not installed';
  return false;
}

/** A bridge name unique to this test process, within Linux's 15 bytes. */
export function testBridgeName(prefix: string): string {
  return `${prefix}${process.pid.toString(36)}`.slice(0, 15);
}
