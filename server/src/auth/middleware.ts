import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { can, type Action, type Identity } from '@cc/shared';
import type { Authenticator } from './authenticator';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `authenticate` for every /api request that passed it. */
    identity?: Identity;
  }
}

function bearer(req: Request): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
}

const REFUSED = {
  'auth.required': 'sign in first',
  'auth.revoked': 'your account was removed or changed since you signed in; sign in again',
} as const;

/**
 * Resolves the request's identity as the users file says now; 401 with a JSON error when a token
 * is needed and not valid (`auth.required`) or its account changed (`auth.revoked`).
 */
export function authenticate(auth: Authenticator): RequestHandler {
  return (req, res, next) => {
    auth.identify(bearer(req)).then(
      (identified) => {
        if (!identified.ok) {
          res.status(401).json({ code: identified.code, message: REFUSED[identified.code] });
          return;
        }
        req.identity = identified.identity;
        next();
      },
      (err: unknown) => next(err),
    );
  };
}

/** 403 unless the identity may perform the action. */
export function allow(action: Action): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (can(req.identity, action)) return next();
    res.status(403).json({ code: 'auth.forbidden', message: `your role may not ${action}` });
  };
}
