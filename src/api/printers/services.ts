/** Service Table columns (printers.go serviceColumnDefinitions / printService). */
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { age } from './age.ts';
import { desc } from './descriptions.ts';
import { ageColumn, col, nameColumn, type Printer } from './table.ts';

export const servicePrinter: Printer<Service> = {
  columns: [
    nameColumn,
    col('Type', 'string', desc.serviceType),
    col('Cluster-IP', 'string', desc.serviceClusterIP),
    col('External-IP', 'string', desc.serviceExternalIPs),
    col('Port(s)', 'string', desc.servicePorts),
    ageColumn,
    col('Selector', 'string', desc.serviceSelector, { priority: 1 }),
  ],
  cells(svc, now) {
    const spec = svc.spec ?? {};
    return [
      svc.metadata?.name ?? '', spec.type ?? '', spec.clusterIPs?.[0] || spec.clusterIP || '<none>',
      externalIP(svc), ports(svc) || '<none>', age(svc.metadata?.creationTimestamp, now),
      formatLabels(spec.selector),
    ];
  },
};

/** Wide form (never clipped): the server always prints wide cells. */
function externalIP(svc: Service): string {
  const spec = svc.spec ?? {};
  const external = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = [...new Set((svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean))].sort();
      const all = [...lb, ...external];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

function ports(svc: Service): string {
  return (svc.spec?.ports ?? []).map((p) => {
    const proto = p.protocol ?? 'TCP';
    return p.nodePort ? `${p.port}:${p.nodePort}/${proto}` : `${p.port}/${proto}`;
  }).join(',');
}

/** labels.FormatLabels: sorted k=v pairs, "<none>" when empty. */
function formatLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(',') : '<none>';
}
