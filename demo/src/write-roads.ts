/**
 * Writes demo/roads.demo.geojson, the demo's ROADS_FILE, from the demo's road network
 * (`npm run demo:roads` after changing `scenario/roads.ts`; a unit test fails while they differ).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { demoRoadsFile } from './scenario/roads-file';

const file = path.resolve(fileURLToPath(import.meta.url), '../../roads.demo.geojson');
writeFileSync(file, await format(JSON.stringify(demoRoadsFile()), { parser: 'json' }));
console.log(`wrote ${path.relative(process.cwd(), file)}`);
