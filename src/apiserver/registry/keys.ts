/** Store keys: `/registry/<group/>?<resource>/<namespace>/<name>` (cluster-scoped: no namespace part). */
import type { ResourceInfo } from '../../api/resources.ts';

export const resourcePrefix = (info: ResourceInfo) => `/registry/${info.group ? `${info.group}/` : ''}${info.plural}/`;

/** The prefix of every object in `namespace` (or every object at all when it is empty). */
export const listPrefix = (info: ResourceInfo, namespace?: string) =>
  info.namespaced && namespace ? `${resourcePrefix(info)}${namespace}/` : resourcePrefix(info);

export const objectKey = (info: ResourceInfo, namespace: string | undefined, name: string) =>
  info.namespaced ? `${resourcePrefix(info)}${namespace}/${name}` : `${resourcePrefix(info)}${name}`;
