export { normalizeImage } from '../../api/image-ref.ts';

/** The tag of a reference, '' for a digest reference (for imagePullPolicy defaulting). */
export function imageTag(image: string): string {
  if (image.includes('@')) return '';
  const last = image.slice(image.lastIndexOf('/') + 1);
  const i = last.indexOf(':');
  return i < 0 ? '' : last.slice(i + 1);
}
