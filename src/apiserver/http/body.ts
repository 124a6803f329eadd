/** Reading request bodies with a size limit (the real server's is 3 MiB for writes). */
import type { IncomingMessage } from 'node:http';
import { tooLarge } from '../../api/errors.ts';

export const MAX_BODY = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage, limit = MAX_BODY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) throw tooLarge('Request entity too large: limit is 3145728');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}
