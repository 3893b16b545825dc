import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WarningMessage } from '@cc/shared';
import { decodeCap } from '../../ingest/src/feeds/cap';
import { CAP_SENDER, capAlert, capCancel, jsonWarning } from '../helpers/cap-fixtures';

const doc = readFileSync(resolve(import.meta.dirname, '../../docs/feeds.md'), 'utf8');
const section = doc.slice(doc.indexOf('## `warning`'), doc.indexOf('### Update, cancel, expiry'));
const blocks = (lang: string) =>
  [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)\\n```', 'g'))].map((m) => m[1]!);

describe('docs/feeds.md warning examples', () => {
  it('show the CAP alert and cancel the tests publish, and they decode', () => {
    const [alert, cancel] = blocks('xml');
    expect(`${alert}\n`).toBe(
      capAlert({
        identifier: 'CZ-RAIN-1',
        sent: '2026-11-28T14:00:00+08:00',
        expires: '2026-11-28T20:00:00+08:00',
        signal: '橙色',
      }),
    );
    expect(`${cancel}\n`).toBe(
      capCancel({
        identifier: 'CZ-RAIN-3',
        sent: '2026-11-28T16:00:00+08:00',
        references: `${CAP_SENDER},CZ-RAIN-2,2026-11-28T15:00:00+08:00`,
      }),
    );
    expect(WarningMessage.safeParse(decodeCap(Buffer.from(alert!), 1e6)).success).toBe(true);
  });

  it('show the JSON warning the tests publish, and it is valid', () => {
    const [json] = blocks('json');
    const expected = jsonWarning(
      'CZ-WIND-1',
      '2026-11-28T14:00:00+08:00',
      '2026-11-28T18:00:00+08:00',
    );
    expect(JSON.parse(json!)).toEqual(expected);
    expect(WarningMessage.safeParse(expected).success).toBe(true);
  });
});
