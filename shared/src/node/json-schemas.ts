import { z } from 'zod';
import { singleOrBatch } from '../feed/common';
import { HazardMessage } from '../feed/hazard';
import { IncidentMessage } from '../feed/incident';
import { PositionMessage, ResourceMessage } from '../feed/resource';
import { RiskAreaMessage } from '../feed/riskarea';
import { ReadingMessage } from '../feed/sensor';
import { WarningMessage } from '../feed/warning';
import { OrderReplyMessage } from '../feed/order';
import { PlaceMessage } from '../feed/place';
import { WeatherMessage } from '../feed/weather';
import { HiddenHazardMessage } from '../feed/hiddenhazard';
import { CameraMessage } from '../feed/camera';
import { ShelterMessage, ShelterOccupancyMessage } from '../feed/shelter';

interface SchemaDoc {
  /** Name of the message definition under `$defs`. */
  name: string;
  schema: z.ZodType;
  title: string;
  description: string;
}

const BATCH = 'The topic takes one message or a JSON array of 1 to 1000 of them (a batch).';

/** Every feed kind with a published JSON Schema, and the zod schema the code validates it with. */
const DOCS = {
  hazard: {
    name: 'HazardMessage',
    schema: HazardMessage,
    title: 'Major hazard source (cc/v1/{agency}/hazard/{id})',
    description: `A major hazard source (重大危险源) and its monitoring points; publish retained, one topic per hazard. Sensor thresholds must be ordered lowLow < low < high < highHigh and sensor ids unique (checked by the command center, not expressible here). ${BATCH}`,
  },
  sensor: {
    name: 'ReadingMessage',
    schema: ReadingMessage,
    title: 'Sensor reading (cc/v1/{agency}/sensor)',
    description: `A reading of a sensor registered by one of the agency's hazards. ${BATCH}`,
  },
  incident: {
    name: 'IncidentMessage',
    schema: IncidentMessage,
    title: 'Incident (cc/v1/{agency}/incident)',
    description: `An emergency as reported and followed by an agency. ${BATCH}`,
  },
  resource: {
    name: 'ResourceMessage',
    schema: ResourceMessage,
    title: 'Resource (cc/v1/{agency}/resource)',
    description: `A unit, depot, shelter or expert, with its status. Position-only updates on the same topic follow position.json. ${BATCH}`,
  },
  position: {
    name: 'PositionMessage',
    schema: PositionMessage,
    title: 'Resource position (cc/v1/{agency}/resource)',
    description: `A position-only update of a resource (telemetry, latest wins). ${BATCH}`,
  },
  warning: {
    name: 'WarningMessage',
    schema: WarningMessage,
    title: 'Warning (cc/v1/{agency}/warning, JSON)',
    description: `The content of a CAP 1.2 alert as JSON (the topic also takes CAP 1.2 XML). ${BATCH}`,
  },
  riskarea: {
    name: 'RiskAreaMessage',
    schema: RiskAreaMessage,
    title: 'Risk area (cc/v1/{agency}/riskarea)',
    description: `An area or enterprise graded on the four-colour safety risk map. ${BATCH}`,
  },
  place: {
    name: 'PlaceMessage',
    schema: PlaceMessage,
    title: 'Sensitive place (cc/v1/{agency}/place)',
    description: `A school, kindergarten, hospital, nursing home, shopping complex, stadium or transport hub and the people usually there. ${BATCH}`,
  },
  weather: {
    name: 'WeatherMessage',
    schema: WeatherMessage,
    title: 'Weather or water-level station (cc/v1/{agency}/weather)',
    description: `One observation of a meteorological station, rain gauge or river / lake gauge: wind, rain, temperature, water level with its warning and guaranteed levels. The latest observation wins. ${BATCH}`,
  },
  hiddenhazard: {
    name: 'HiddenHazardMessage',
    schema: HiddenHazardMessage,
    title: 'Hidden hazard, enterprise self-check (cc/v1/{agency}/hiddenhazard)',
    description: `A hidden hazard (隐患) an enterprise found in its own check (企业自查), from its dual-prevention system; supervision staff move it through the closed loop. ${BATCH}`,
  },
  camera: {
    name: 'CameraMessage',
    schema: CameraMessage,
    title: 'Camera (cc/v1/{agency}/camera)',
    description: `A camera of the agency's, where it looks, its status and where its video is on the agency's own platform: an HLS playlist, optionally a WebRTC (WHEP) endpoint and a still image. ${BATCH}`,
  },
  order: {
    name: 'OrderReplyMessage',
    schema: OrderReplyMessage,
    title: 'Order reply (cc/v1/{agency}/order)',
    description: `An agency's answer to an order it received on cc/v1/{agency}/orders: acknowledged, done or refused. ${BATCH}`,
  },
  shelter: {
    name: 'ShelterMessage',
    schema: ShelterMessage,
    title: 'Emergency shelter (cc/v1/{agency}/shelter)',
    description: `An emergency shelter (应急避难场所): capacity, status (open / closed), facilities, and optionally its occupancy. Occupancy-only updates on the same topic follow occupancy.json. ${BATCH}`,
  },
  occupancy: {
    name: 'ShelterOccupancyMessage',
    schema: ShelterOccupancyMessage,
    title: 'Shelter occupancy (cc/v1/{agency}/shelter)',
    description: `The people in a registered shelter now, and its status if it changed (telemetry, latest wins, history kept). ${BATCH}`,
  },
} satisfies Record<string, SchemaDoc>;

export type SchemaKind = keyof typeof DOCS;
export const SCHEMA_KINDS = Object.keys(DOCS) as SchemaKind[];

export function isSchemaKind(kind: string): kind is SchemaKind {
  return Object.hasOwn(DOCS, kind);
}

/** The `$id` of a kind's schema; where the server publishes it is `/api/v1/schemas/{kind}.json`. */
export const schemaId = (kind: SchemaKind) => `urn:cc:feed:v1:${kind}`;

/**
 * The JSON Schema (draft 2020-12) of a feed kind's payload, generated from the zod schema the
 * code validates with. Input shape: fields with defaults are optional.
 */
export function feedJsonSchema(kind: SchemaKind): Record<string, unknown> {
  const doc: SchemaDoc = DOCS[kind];
  const registry = z.registry<{ id?: string; title?: string; description?: string }>();
  registry.add(doc.schema, { id: doc.name });
  const generated = z.toJSONSchema(singleOrBatch(doc.schema), {
    io: 'input',
    target: 'draft-2020-12',
    metadata: registry,
  });
  const { $schema, ...rest } = generated;
  return { $schema, $id: schemaId(kind), title: doc.title, description: doc.description, ...rest };
}

/** Every kind's schema, as written to `docs/schemas/{kind}.json`. */
export function feedJsonSchemas(): Record<SchemaKind, Record<string, unknown>> {
  return Object.fromEntries(SCHEMA_KINDS.map((k) => [k, feedJsonSchema(k)])) as Record<
    SchemaKind,
    Record<string, unknown>
  >;
}

/** The exact text of a schema file: two-space JSON and a final newline. */
export const schemaFileText = (schema: unknown) => `${JSON.stringify(schema, null, 2)}\n`;
