/**
 * Score normalisation shared by plugins (pkg/scheduler/framework/plugins/helper/normalize_score.go
 * DefaultNormalizeScore): scale so the highest is 100; `reverse` flips it (fewer is better).
 * A maximum of 0 leaves every score 0, or 100 when reversed. Integer arithmetic, as Kubernetes'.
 */
import { MAX_NODE_SCORE } from '../types.ts';

export function defaultNormalize(scores: Float64Array, n: number, reverse: boolean): void {
  let max = 0;
  for (let i = 0; i < n; i++) if (scores[i] > max) max = scores[i];
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE, 0, n);
    return;
  }
  for (let i = 0; i < n; i++) {
    const s = Math.trunc((MAX_NODE_SCORE * scores[i]) / max);
    scores[i] = reverse ? MAX_NODE_SCORE - s : s;
  }
}
