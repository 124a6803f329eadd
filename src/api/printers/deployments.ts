/** Deployment Table columns (printers.go deploymentColumnDefinitions / printDeployment). */
import type { Deployment } from 'kubernetes-types/apps/v1.d.ts';
import { fromLabelSelector, selectorToString } from '../selectors/labels.ts';
import { age } from './age.ts';
import { desc } from './descriptions.ts';
import { ageColumn, col, containerCells, nameColumn, type Printer } from './table.ts';

export const deploymentPrinter: Printer<Deployment> = {
  columns: [
    nameColumn,
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'string', desc.deployUpdatedReplicas),
    col('Available', 'string', desc.deployAvailableReplicas),
    ageColumn,
    col('Containers', 'string', 'Names of each container in the template.', { priority: 1 }),
    col('Images', 'string', 'Images referenced by each container in the template.', { priority: 1 }),
    col('Selector', 'string', desc.deploySelector, { priority: 1 }),
  ],
  cells(d, now) {
    const st = d.status ?? {};
    const [names, images] = containerCells(d.spec?.template?.spec?.containers);
    // Upstream cells are integers although the columns say string; kubectl prints them as numbers.
    return [
      d.metadata?.name ?? '', `${st.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      st.updatedReplicas ?? 0, st.availableReplicas ?? 0, age(d.metadata?.creationTimestamp, now),
      names, images, deploymentSelector(d),
    ];
  },
};

/** The deployment printer uses Selector.String() directly: "" when empty, "<invalid>" on error. */
function deploymentSelector(d: Deployment): string {
  try {
    return selectorToString(fromLabelSelector(d.spec?.selector));
  } catch {
    return '<invalid>';
  }
}
