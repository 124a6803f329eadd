import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { schemaFor } from '../patch/schema.ts';
import { keyPE } from './path.ts';
import { fieldSchema, listItemPE } from './walk.ts';

const spec = fieldSchema(schemaFor('v1', 'Pod'), 'spec');
const containers = fieldSchema(spec, 'containers');
const ports = fieldSchema(containers?.elem, 'ports');

describe('listItemPE', () => {
  // The one-string-key spelling must be keyPE's, byte for byte: tokens compare as strings.
  for (const name of ['app', 'we"ird\\name', 'ünï', '']) {
    it(`names a container ${JSON.stringify(name)} as keyPE does`, () => {
      assert.equal(listItemPE(containers, { name, image: 'x' }, 3), keyPE({ name }));
    });
  }
  it('falls back to the index when the key is missing', () => {
    assert.equal(listItemPE(containers, { image: 'x' }, 3), 'i:3');
  });
  it('writes several keys sorted, with the protocol default', () => {
    assert.equal(listItemPE(ports, { containerPort: 80 }, 0), 'k:{"containerPort":80,"protocol":"TCP"}');
  });
});
