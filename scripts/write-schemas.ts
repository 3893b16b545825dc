/**
 * Writes the JSON Schema of every feed kind to docs/schemas/{kind}.json, generated from the zod
 * schemas the code validates with. Run `npm run schemas` after changing a feed schema; a unit
 * test fails while the committed files differ from what the code generates.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { feedJsonSchemas, schemaFileText } from '@cc/shared/node';

const dir = path.resolve(fileURLToPath(import.meta.url), '../../docs/schemas');
mkdirSync(dir, { recursive: true });
for (const [kind, schema] of Object.entries(feedJsonSchemas())) {
  const file = path.join(dir, `${kind}.json`);
  writeFileSync(file, schemaFileText(schema));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
