import { Router } from 'express';
import {
  SCHEMA_KINDS,
  feedJsonSchema,
  isSchemaKind,
  schemaFileText,
  type SchemaKind,
} from '@cc/shared/node';

export const SCHEMAS_PATH = '/api/v1/schemas';

/**
 * `GET /api/v1/schemas/{kind}.json`: the JSON Schema of a feed kind, the same text as
 * `docs/schemas/{kind}.json`. Generated once, at start-up.
 */
export function createSchemasRouter(): Router {
  const texts = new Map<SchemaKind, string>(
    SCHEMA_KINDS.map((k) => [k, schemaFileText(feedJsonSchema(k))]),
  );
  const router = Router();
  router.get(`${SCHEMAS_PATH}/:file`, (req, res) => {
    const match = /^([a-z]+)\.json$/.exec(req.params.file);
    const kind = match?.[1];
    if (kind === undefined || !isSchemaKind(kind)) {
      res.status(404).json({
        code: 'api.unknown_schema',
        message: `no schema "${req.params.file}"; kinds: ${SCHEMA_KINDS.join(', ')}`,
      });
      return;
    }
    res.type('application/schema+json').send(texts.get(kind));
  });
  return router;
}
