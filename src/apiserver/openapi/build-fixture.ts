/**
 * Test helper: makes sure build/openapi exists (the launcher builds it before tests; a bare
 * `node --test` run may not have), so handler and field tests read the real generated documents.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from '../../../scripts/openapi/generate.ts';

export const BUILD_DIR = fileURLToPath(new URL('../../../build/openapi/', import.meta.url));

export async function ensureBuilt(): Promise<void> {
  if (!existsSync(new URL('v3/index.json', `file://${BUILD_DIR}`))) await generate(BUILD_DIR);
}
