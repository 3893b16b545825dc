import { Router } from 'express';
import { z } from 'zod';
import { jsonObjectBody } from '../http/errors';
import type { Authenticator } from './authenticator';

const LoginBody = z.union([
  z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
  z.strictObject({ display: z.string().min(1).max(64), key: z.string().min(1).max(256) }),
]);

/**
 * `POST /api/v1/auth/login`: credentials in, a token out. Failed attempts are limited per account
 * and per address (`auth.too_many_attempts`, 429 with `Retry-After`).
 */
export function loginRouter(auth: Authenticator): Router {
  const router = Router();
  router.post('/api/v1/auth/login', ...jsonObjectBody('4kb'), async (req, res, next) => {
    try {
      if (!auth.required) {
        res.status(404).json({ code: 'auth.disabled', message: 'sign-in is not configured' });
        return;
      }
      const body = LoginBody.safeParse(req.body);
      if (!body.success) {
        res.status(400).json({
          code: 'api.invalid',
          message: 'send {username, password} or {display, key}',
        });
        return;
      }
      // req.ip follows X-Forwarded-For only as far as TRUST_PROXY trusts the proxies.
      const result = await auth.signIn(body.data, req.ip ?? req.socket.remoteAddress ?? 'unknown');
      if (result.ok) {
        const { identity, token, expiresAt } = result;
        res.json({ identity, token, expiresAt });
      } else if (result.code === 'auth.too_many_attempts') {
        res
          .status(429)
          .set('Retry-After', String(result.retryAfterS))
          .json({
            code: result.code,
            message: `too many failed sign-ins; try again in ${result.retryAfterS} s`,
            retryAfterS: result.retryAfterS,
          });
      } else {
        res.status(401).json({ code: result.code, message: 'wrong name or password' });
      }
    } catch (err) {
      next(err);
    }
  });
  return router;
}
