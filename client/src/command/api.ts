import { loadSession } from '../auth/session';

/** A REST answer that was not 2xx, with the server's error code when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** GET a JSON API path with the tablet's token; throws ApiError on a non-2xx answer. */
export async function getJson(path: string, signal?: AbortSignal): Promise<unknown> {
  const token = loadSession(window.localStorage, Date.now())?.token;
  const res = await fetch(path, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(signal ? { signal } : {}),
  });
  const body = (await res.json().catch(() => undefined)) as
    { code?: unknown; message?: unknown } | undefined;
  if (!res.ok) {
    const code = typeof body?.code === 'string' ? body.code : `http.${res.status}`;
    const message = typeof body?.message === 'string' ? body.message : res.statusText;
    throw new ApiError(res.status, code, message);
  }
  return body;
}
