/**
 * The runtime's answer on the v4 error stream: a JSON `Status`, `Success`, or `Failure` with
 * reason `NonZeroExitCode` and the code in `details.causes[reason=ExitCode]`
 * [apimachinery pkg/util/remotecommand; kubelet cri/streaming/remotecommand/httpstream.go].
 * Nothing at all means success (older protocols only speak up on failure).
 */
import type { CommandResult } from '../../streaming/remotecommand/protocols.ts';

interface StatusLike {
  status?: string;
  message?: string;
  reason?: string;
  details?: { causes?: { reason?: string; message?: string }[] };
}

export function resultFromStatus(text: string): CommandResult {
  const t = text.trim();
  if (!t) return { exitCode: 0 };
  let s: StatusLike;
  try {
    s = JSON.parse(t) as StatusLike;
  } catch {
    return { error: t };
  }
  if (s.status === 'Success') return { exitCode: 0 };
  if (s.reason === 'NonZeroExitCode') {
    const cause = s.details?.causes?.find((c) => c.reason === 'ExitCode');
    const code = Number(cause?.message);
    if (Number.isInteger(code)) return { exitCode: code };
  }
  return { error: s.message || t };
}
