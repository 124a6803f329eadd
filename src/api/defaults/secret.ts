/**
 * Secret defaults: type Opaque (SetDefaults_Secret). stringData is folded into data here too:
 * Kubernetes does that while converting v1 to its internal form, so stored Secrets never carry
 * stringData (stringData wins over data for the same key).
 */
import type { Secret } from 'kubernetes-types/core/v1.d.ts';

export function defaultSecret(s: Secret): void {
  s.type ||= 'Opaque';
  if (s.stringData) {
    s.data ??= {};
    for (const [k, v] of Object.entries(s.stringData)) s.data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    delete s.stringData;
  }
}
