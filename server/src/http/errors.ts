import express, { type ErrorRequestHandler, type RequestHandler } from 'express';

/** The body of every REST error. */
export interface ApiError {
  code: string;
  message: string;
}

/**
 * A JSON request body of at most `limit`: parsed by express's own parser, then required to be an
 * object (`null`, a string, a number or an array is not a request). Parser failures reach
 * `apiErrors`, which answers them as `request.*` errors.
 */
export function jsonObjectBody(limit: string): RequestHandler[] {
  return [
    express.json({ limit }),
    (req, res, next) => {
      const body: unknown = req.body;
      if (typeof body === 'object' && body !== null && !Array.isArray(body)) return next();
      const error: ApiError = {
        code: 'request.invalid',
        message:
          body === undefined
            ? 'send a JSON object with content-type application/json'
            : `the body must be a JSON object, not ${Array.isArray(body) ? 'an array' : JSON.stringify(body)}`,
      };
      res.status(400).json(error);
    },
  ];
}

/** What express's body parser (body-parser, http-errors) attaches to the errors it raises. */
interface ParserError {
  status: number;
  type: string;
  message: string;
  limit?: number;
}

function isParserError(err: unknown): err is ParserError {
  const e = err as Partial<ParserError> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.status === 'number' &&
    e.status >= 400 &&
    e.status < 500 &&
    typeof e.type === 'string'
  );
}

/** A client's mistake in the request itself (body too large, not JSON, bad encoding). Pure. */
export function requestError(err: ParserError): { status: number; body: ApiError } {
  if (err.status === 413) {
    const limit = err.limit === undefined ? '' : ` (${err.limit} bytes)`;
    return {
      status: 413,
      body: {
        code: 'request.too_large',
        message: `the body is over this endpoint's limit${limit}`,
      },
    };
  }
  if (err.status === 415) {
    return { status: 415, body: { code: 'request.unsupported', message: err.message } };
  }
  const message =
    err.type === 'entity.parse.failed' ? `the body is not valid JSON: ${err.message}` : err.message;
  return { status: 400, body: { code: 'request.invalid', message } };
}

/**
 * The last handler: a request error is the client's (400/413/415 `request.*`); anything else is
 * ours (503 `server.unavailable` while Redis is down, else 500 `server.error`).
 */
export function apiErrors(): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    if (isParserError(err)) {
      const { status, body } = requestError(err);
      res.status(status).json(body);
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    const unavailable = /ECONNREFUSED|closed|offline/i.test(message);
    const body: ApiError = unavailable
      ? { code: 'server.unavailable', message: 'Redis is unavailable' }
      : { code: 'server.error', message: 'internal error' };
    res.status(unavailable ? 503 : 500).json(body);
  };
}
