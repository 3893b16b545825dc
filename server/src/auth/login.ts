import { Router } from 'express';
import { jsonObjectBody } from '../http/errors';
import { z } from 'zod';
import type { Authenticator } from './authenticator';

const LoginBody = z.union([
  z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
  z.strictObject({ display: z.string().min(1).max(64), key: z.string().min(1).max(256) }),
]);

/** `POST /api/v1/auth/login`: credentials in, a token out. */
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
      const session = await auth.signIn(body.data);
      if (!session) {
        res
          .status(401)
          .json({ code: 'auth.invalid_credentials', message: 'wrong name or password' });
        return;
      }
      res.json(session);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
