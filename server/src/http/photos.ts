import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import express, { type RequestHandler } from 'express';

/** What the first bytes of a photo say it is; anything else is refused. */
export function photoType(bytes: Buffer): 'jpg' | 'png' | 'webp' | undefined {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'png';
  }
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'webp';
  }
  return undefined;
}

/**
 * A photo upload (after the caller's permission check): one JPEG, PNG or WebP image of at most
 * `maxBytes` as the body, kept on disk under `dir` (never in Redis) with a new id; 201 `{id,
 * bytes}`, 415 for anything that is not such an image, 413 past the limit.
 */
export function receivePhoto(dir: string, maxBytes: number): RequestHandler[] {
  return [
    express.raw({ type: ['image/jpeg', 'image/png', 'image/webp'], limit: maxBytes }),
    async (req, res, next) => {
      try {
        const body: unknown = req.body;
        const type = Buffer.isBuffer(body) && body.length > 0 ? photoType(body) : undefined;
        if (!Buffer.isBuffer(body) || !type) {
          res.status(415).json({
            code: 'request.unsupported',
            message: 'send one JPEG, PNG or WebP image as the body, with its content-type',
          });
          return;
        }
        const id = `${randomUUID()}.${type}`;
        await writeFile(path.join(dir, id), body, { flag: 'wx' });
        res.status(201).json({ id, bytes: body.length });
      } catch (err) {
        next(err);
      }
    },
  ];
}

/** A stored photo by the id `receivePhoto` gave it (after the caller's permission check). */
export function sendPhoto(dir: string): RequestHandler {
  return (req, res) => {
    const photo = String(req.params.photo);
    if (!/^[a-f0-9-]{36}\.(jpg|png|webp)$/.test(photo)) {
      return void res.status(404).json({ code: 'api.not_found', message: 'no such photo' });
    }
    res.sendFile(path.resolve(dir, photo), { maxAge: '1d' }, (err) => {
      if (err && !res.headersSent) {
        res.status(404).json({ code: 'api.not_found', message: 'no such photo' });
      }
    });
  };
}
