import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * FOR THE DEMO ONLY. Every account of demo/agencies.demo.yaml has the password `demo-{id}`
 * (`demo-readme-demo`, `demo-ingest-1`, `demo-ent-bj-huaxin`, …), so `npm start`, the simulator and
 * the README examples can log in. Anyone who reads this file knows them: a real deployment uses
 * its own agencies file (deploy/agencies.yaml) with passwords that appear nowhere in the repo.
 */
export function demoPassword(accountId: string): string {
  return `demo-${accountId}`;
}

/**
 * The demo agencies file: the scenario's 25 enterprises, the city's departments the simulator
 * plays (fire brigade, 120, traffic police, weather bureau, emergency management, water),
 * `readme-demo`, the ingest workers' accounts and the broker's monitor.
 */
export const DEMO_AGENCIES_FILE = path.resolve(
  fileURLToPath(import.meta.url),
  '../../agencies.demo.yaml',
);

/** The ingest service account of the demo file `npm start` runs with (the first worker's). */
export const DEMO_INGEST_ACCOUNT = 'ingest-1';
