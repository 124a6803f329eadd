/**
 * PUT namespaces/<name>/finalize: the one write that edits `spec.finalizers`. The typed
 * client has no method for it (client-go has NamespaceInterface.Finalize), so this goes
 * straight through the Transport.
 */
import type { Namespace } from 'kubernetes-types/core/v1.d.ts';
import { NAMESPACES } from '../../client/resources.ts';
import type { Transport } from '../../client/transport.ts';

export type FinalizeFn = (ns: Namespace) => Promise<Namespace>;

/** The finalizer token this controller owns in `spec.finalizers`. */
export const FINALIZER_KUBERNETES = 'kubernetes';

/** Sends `ns` (with the wanted spec.finalizers) to the finalize subresource; rejects with the server's StatusError. */
export function finalizeVia(transport: Transport): FinalizeFn {
  return async (ns) => {
    const res = await transport.request({ verb: 'update', resource: NAMESPACES, name: ns.metadata!.name!, subresource: 'finalize', body: ns });
    return res.body as Namespace;
  };
}

/** `ns` with our token removed from spec.finalizers (the rest kept, sorted, as Kubernetes does). */
export function withoutOurFinalizer(ns: Namespace): Namespace {
  const rest = [...new Set((ns.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES))].sort();
  return { ...ns, spec: { ...ns.spec, finalizers: rest } };
}
