import { Router } from 'express';
import { jsonObjectBody } from '../http/errors';
import { httpStatus } from './check';
import type { CommandService } from './service';

export const COMMANDS_PATH = '/api/v1/commands';

/**
 * `POST /api/v1/commands`: the same path as the socket's `command` event. 200 with the result,
 * or 400/403/404/409/503/504 with `{code, message}` (and `path` for an invalid command).
 */
export function createCommandsRouter(service: CommandService): Router {
  const router = Router();
  router.post(COMMANDS_PATH, ...jsonObjectBody('16kb'), async (req, res, next) => {
    try {
      const result = await service.submit(req.identity, req.body as unknown);
      res.status(httpStatus(result)).json(result);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
