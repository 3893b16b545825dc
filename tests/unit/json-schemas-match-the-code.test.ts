import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEED_KINDS } from '@cc/shared';
import { SCHEMA_KINDS, feedJsonSchema, schemaFileText } from '@cc/shared/node';

const DIR = path.resolve('docs/schemas');

describe('published JSON Schemas', () => {
  it('cover every feed kind, position updates and shelter occupancy updates', () => {
    expect([...SCHEMA_KINDS].sort()).toEqual([...FEED_KINDS, 'position', 'occupancy'].sort());
  });

  it.each(SCHEMA_KINDS)(
    'docs/schemas/%s.json is what the code generates (npm run schemas)',
    (kind) => {
      const file = path.join(DIR, `${kind}.json`);
      expect(existsSync(file), `${file} is missing: run npm run schemas`).toBe(true);
      expect(readFileSync(file, 'utf8')).toBe(schemaFileText(feedJsonSchema(kind)));
    },
  );

  it('has no file for a kind that no longer exists', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(SCHEMA_KINDS.map((k) => `${k}.json`).sort());
  });

  it('describes the input: fields with defaults are optional, unknown fields refused', () => {
    const schema = feedJsonSchema('hazard') as {
      $id: string;
      title: string;
      $defs: { HazardMessage: { required: string[]; additionalProperties: boolean } };
    };
    expect(schema.$id).toBe('urn:cc:feed:v1:hazard');
    expect(schema.title).toContain('hazard');
    expect(schema.$defs.HazardMessage.required).not.toContain('crs');
    expect(schema.$defs.HazardMessage.required).toContain('sensors');
    expect(schema.$defs.HazardMessage.additionalProperties).toBe(false);
  });
});
