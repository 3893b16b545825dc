import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OrderNotice, OrderReplyMessage } from '@cc/shared';
import { ORDER_NOTICE_EXAMPLE, ORDER_REPLY_EXAMPLE } from '../helpers/orders';

const FEEDS_MD = readFileSync(new URL('../../docs/feeds.md', import.meta.url), 'utf8');
const HEADING = '## Orders: receiving and answering';

/** The JSON blocks of the orders section, in order. */
function examples(): unknown[] {
  const start = FEEDS_MD.indexOf(HEADING);
  if (start < 0) throw new Error(`docs/feeds.md has no section "${HEADING}"`);
  const end = FEEDS_MD.indexOf('\n## ', start + HEADING.length);
  const section = FEEDS_MD.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as unknown);
}

describe('docs/feeds.md, orders', () => {
  it('shows the order an agency receives and its answer, as the tests know them', () => {
    expect(examples()).toEqual([ORDER_NOTICE_EXAMPLE, ORDER_REPLY_EXAMPLE]);
  });

  it('shows examples the code accepts', () => {
    expect(OrderNotice.safeParse(ORDER_NOTICE_EXAMPLE).success).toBe(true);
    expect(OrderReplyMessage.safeParse(ORDER_REPLY_EXAMPLE).success).toBe(true);
  });

  it('comes before the reject notices', () => {
    expect(FEEDS_MD.indexOf(HEADING)).toBeLessThan(FEEDS_MD.indexOf('## Reject notices'));
  });
});
