import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import { API, HiddenHazardSector, type Identity } from '@cc/shared';
import type { Keys, Redis } from '@cc/shared/node';
import { checkCommand, httpStatus } from '../commands/check';
import type { CommandService } from '../commands/service';
import { jsonObjectBody } from '../http/errors';

/** Who a tip-off is recorded as in the commands stream and the audit log: the public hotline. */
export const HOTLINE: Identity = { sub: 'hotline', role: 'supervisor', name: '群众举报' };

/** What a hotline system sends: what and where; never who called (tip-offs are anonymous). */
export const TipOff = z.strictObject({
  enterprise: z.string().trim().min(1).max(200),
  sector: HiddenHazardSector.default('other'),
  description: z.string().trim().min(1).max(4_000),
  address: z.string().max(300).optional(),
  /** WGS-84 [longitude, latitude]. */
  location: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
});

export interface TipOffOptions {
  redis: Redis;
  keys: Keys;
  commands: CommandService;
  perAddressPerHour: number;
  perHour: number;
}

/**
 * `POST /api/v1/hidden-hazards/tip-offs` (public: a hotline system calls it without an account):
 * a tip-off (群众举报) becomes a hidden hazard at stage `reported`, through the commands stream
 * like every other step. Limited per address and in all (429 with Retry-After), in Redis so
 * every server instance counts the same.
 */
export function createTipOffRouter(options: TipOffOptions): Router {
  const { redis, keys, commands } = options;
  const limiter = (name: string, points: number) => {
    const base = { keyPrefix: keys.tipOffLimit(name), points, duration: 3_600 };
    return new RateLimiterRedis({
      ...base,
      storeClient: redis,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(base),
    });
  };
  const perAddress = limiter('address', options.perAddressPerHour);
  const all = limiter('all', options.perHour);
  const router = Router();
  router.post(API.hiddenHazardTipOff, ...jsonObjectBody('16kb'), async (req, res, next) => {
    try {
      const parsed = TipOff.safeParse(req.body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const path = (issue?.path ?? []).filter((p) => typeof p !== 'symbol');
        res.status(400).json({
          code: 'request.invalid',
          message: `${path.join('.') || '(body)'}: ${issue?.message ?? 'invalid'}`,
          path,
        });
        return;
      }
      try {
        await perAddress.consume(req.ip ?? 'unknown');
        await all.consume('all');
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err;
        const retryAfterS = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
        res.setHeader('Retry-After', String(retryAfterS));
        res.status(429).json({
          code: 'request.rate_limited',
          message: `too many tip-offs; try again in ${retryAfterS} s or call the hotline`,
        });
        return;
      }
      const id = `tip-${randomUUID()}`;
      const command = {
        type: 'hiddenhazard.create',
        commandId: randomUUID(),
        id,
        hiddenHazard: { ...parsed.data, source: 'tip_off', reportedBy: HOTLINE.name },
      };
      const result = await commands.submitAs(HOTLINE, checkCommand(HOTLINE, command));
      const status = httpStatus(result);
      res.status(status === 200 ? 202 : status).json({ ...result, id: `cc:${id}` });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
