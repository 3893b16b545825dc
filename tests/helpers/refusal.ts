import { FeedError } from '@cc/shared';

/** The FeedError that `fn` throws; fails the test when it throws nothing or something else. */
export function refusal(fn: () => unknown): FeedError {
  try {
    fn();
  } catch (err) {
    if (err instanceof FeedError) return err;
    throw err;
  }
  throw new Error('expected a FeedError');
}
