import type { DisasterReportFields } from '@cc/shared';
import { loadSession } from '../auth/session';

/**
 * The officer's outbox: reports typed on a weak link wait here (localStorage) until the server
 * has them. Each carries the id the phone chose when it was written; the server stores a report
 * once per id, so sending again after a lost answer never makes a second one.
 */
export const QUEUE_KEY = 'cc.officer.queue';

export interface QueuedReport {
  id: string;
  fields: Omit<DisasterReportFields, 'photos'>;
  /** Photos not yet uploaded (data URLs, already shrunk), and the ids of those that were. */
  pendingPhotos: string[];
  photoIds: string[];
  queuedAt: number;
  /** Why the server refused it (it stays until the officer discards it). */
  refused?: string;
}

export function readQueue(storage: Storage = window.localStorage): QueuedReport[] {
  try {
    const raw = storage.getItem(QUEUE_KEY);
    return raw ? (JSON.parse(raw) as QueuedReport[]) : [];
  } catch {
    return [];
  }
}

export function writeQueue(queue: QueuedReport[], storage: Storage = window.localStorage): void {
  storage.setItem(QUEUE_KEY, JSON.stringify(queue));
}

function authHeaders(): Record<string, string> {
  const token = loadSession(window.localStorage, Date.now())?.token;
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Why a send stopped: the link (try again later) or the server's refusal (do not repeat). */
type Sent = { ok: true } | { ok: false; retry: boolean; message: string };

async function dataUrlBlob(url: string): Promise<Blob> {
  return (await fetch(url)).blob();
}

/** Sends one queued report: its photos first (each once), then the report. */
async function sendOne(item: QueuedReport, save: () => void): Promise<Sent> {
  while (item.pendingPhotos.length > 0) {
    const blob = await dataUrlBlob(item.pendingPhotos[0]!);
    const res = await fetch('/api/v1/disaster-reports/photos', {
      method: 'POST',
      headers: { ...authHeaders(), 'content-type': blob.type || 'image/jpeg' },
      body: blob,
    });
    if (!res.ok) return refusal(res);
    const { id } = (await res.json()) as { id: string };
    item.photoIds.push(id);
    item.pendingPhotos.shift();
    save();
  }
  const res = await fetch('/api/v1/disaster-reports', {
    method: 'POST',
    headers: { ...authHeaders(), 'content-type': 'application/json' },
    body: JSON.stringify({
      id: item.id,
      ...item.fields,
      photos: item.photoIds.map((id) => ({ id })),
    }),
  });
  return res.ok ? { ok: true } : refusal(res);
}

async function refusal(res: Response): Promise<Sent> {
  const body = (await res.json().catch(() => undefined)) as { message?: string } | undefined;
  // 5xx, a timeout or too many requests: the link or the server will recover; send again later.
  const retry = res.status >= 500 || res.status === 408 || res.status === 429;
  return { ok: false, retry, message: body?.message ?? `HTTP ${res.status}` };
}

let flushing: Promise<number> | undefined;

/**
 * Sends every queued report the server has not refused, in order; stops at the first that the
 * link fails. Resolves with how many were sent. One flush at a time.
 */
export function flushQueue(onChange: () => void): Promise<number> {
  flushing ??= (async () => {
    let sent = 0;
    try {
      for (;;) {
        const queue = readQueue();
        const item = queue.find((q) => q.refused === undefined);
        if (!item) return sent;
        const save = () => {
          writeQueue(readQueue().map((q) => (q.id === item.id ? item : q)));
          onChange();
        };
        let result: Sent;
        try {
          result = await sendOne(item, save);
        } catch {
          return sent; // No link: the item stays queued.
        }
        if (result.ok) {
          writeQueue(readQueue().filter((q) => q.id !== item.id));
          sent++;
        } else if (result.retry) {
          return sent;
        } else {
          item.refused = result.message;
          save();
        }
        onChange();
      }
    } finally {
      flushing = undefined;
    }
  })();
  return flushing;
}

/** A photo shrunk to at most `maxSide` pixels as JPEG, so three fit in the queue and the limit. */
export async function shrinkPhoto(file: File, maxSide = 1280): Promise<string> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return canvas.toDataURL('image/jpeg', 0.8);
}
