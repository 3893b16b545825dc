import type { CommandResult } from '@cc/shared';

/** Not confirmed: the acknowledgement did not come, or the link dropped after the command left. */
export interface Unconfirmed {
  ok: false;
  code: 'link.timeout' | 'link.lost';
  message: string;
}

/** What sending a command comes to: the server's answer, or no answer. */
export type SendResult = CommandResult | Unconfirmed;
