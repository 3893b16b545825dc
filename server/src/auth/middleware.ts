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

/** Resolves the request's identity; 401 with a JSON error when a token is needed and not valid. */
export function authenticate(auth: Authenticator): RequestHandler {
  return (req, res, next) => {
    auth.identify(bearer(req)).then(
      (identity) => {
        if (!identity) {
          res.status(401).json({ code: 'auth.required', message: 'sign in first' });
          return;
        }
        req.identity = identity;
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
