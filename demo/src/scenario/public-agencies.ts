import type { FeedKind } from '@cc/shared';

/** A public agency of the demo (fire brigade, 120, police, weather, emergency management, water). */
export interface PublicAgency {
  /** MQTT user name and `{agency}` of its topics (demo/agencies.demo.yaml). */
  id: string;
  name: string;
  /** The feed kinds the simulator publishes as this agency. */
  publishes: readonly FeedKind[];
}

/**
 * The city's departments that the demo simulates next to the enterprises. Ids follow the
 * production template (deploy/agencies.yaml) where it has one; names are the real departments'
 * titles, but everything they publish in the demo is made up.
 */
export const PUBLIC_AGENCIES: readonly PublicAgency[] = [
  { id: 'cz-119', name: '常州市消防救援支队', publishes: ['incident', 'resource', 'order'] },
  { id: 'cz-120', name: '常州市急救中心（120）', publishes: ['incident', 'resource', 'order'] },
  {
    id: 'cz-police',
    name: '常州市公安局交通警察支队',
    // Its cameras come from npm start's demo video (demo/src/cameras), not the simulator's picture.
    publishes: ['incident', 'resource', 'order', 'camera'],
  },
  { id: 'cz-weather', name: '常州市气象台', publishes: ['warning', 'weather'] },
  {
    id: 'cz-emergency',
    name: '常州市应急管理局',
    publishes: ['incident', 'resource', 'riskarea', 'place', 'shelter', 'order'],
  },
  {
    id: 'cz-water',
    name: '常州市水利局',
    publishes: ['incident', 'resource', 'order', 'weather'],
  },
];
