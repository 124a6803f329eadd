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
