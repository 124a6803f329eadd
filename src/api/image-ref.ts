/**
 * Image references as containerd names them: `nginx` → `docker.io/library/nginx:latest`
 * (github.com/distribution/reference ParseNormalizedNamed + TagNameOnly).
 */
export function normalizeImage(image: string): string {
  if (!image) return image;
  let ref = image;
  const slash = ref.indexOf('/');
  const first = slash < 0 ? '' : ref.slice(0, slash);
  if (slash < 0) ref = `docker.io/library/${ref}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') ref = `docker.io/${ref}`;
  const lastPart = ref.slice(ref.lastIndexOf('/') + 1);
  if (!lastPart.includes(':') && !ref.includes('@')) ref += ':latest';
  return ref;
}

/**
 * The tag of an image reference, as ParseImageName in pkg/util/parsers reports it:
 * "latest" when there is neither tag nor digest, "" when only a digest is given.
 */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const lastPart = name.slice(name.lastIndexOf('/') + 1);
  const colon = lastPart.lastIndexOf(':');
  if (colon >= 0) return lastPart.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

/** imagePullPolicy when none is given: Always for `:latest` or no tag, else IfNotPresent (SetDefaults_Container). */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}
