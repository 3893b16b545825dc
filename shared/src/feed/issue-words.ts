import type { z } from 'zod';

/** The observation time's format, in the words a refusal uses. */
export const TS_HINT = 'ISO 8601 with an offset, e.g. 2026-11-28T08:00:00+08:00';

type RawIssue = z.core.$ZodRawIssue;

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  tuple: 'an array',
  record: 'an object',
  null: 'null',
};

/** What a value is, in a word: `a string`, `null`, `an array`... */
function kindOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'number' && !Number.isInteger(input)) return `${input}`;
  if (typeof input === 'object') return 'an object';
  if (typeof input === 'boolean') return `${input}`;
  return `${typeof input === 'string' ? 'a string' : typeof input === 'number' ? 'a number' : typeof input}`;
}

/** The value as it was sent, cut short. */
function shown(input: unknown): string {
  const text = JSON.stringify(input) ?? String(input);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** The schema's own description (`.describe()`), when it has one: what a valid value looks like. */
function hintOf(issue: RawIssue): string | undefined {
  const description = (issue.inst as { description?: unknown } | undefined)?.description;
  return typeof description === 'string' ? description : undefined;
}

function bound(issue: RawIssue & { code: 'too_small' | 'too_big' }): string {
  const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  const exclusive = issue.inclusive === false;
  const word =
    issue.code === 'too_small'
      ? exclusive
        ? 'more than'
        : 'at least'
      : exclusive
        ? 'less than'
        : 'at most';
  const unit = (one: string) => `${one}${Number(limit) === 1 ? '' : 's'}`;
  if (issue.origin === 'array' || issue.origin === 'set')
    return `must have ${word} ${String(limit)} ${unit('item')}`;
  if (issue.origin === 'string') return `must have ${word} ${String(limit)} ${unit('character')}`;
  return `must be ${word} ${String(limit)}`;
}

/**
 * A zod issue in words a developer acts on, written to follow the field's path: `is required:
 * ISO 8601 with an offset, e.g. …`, `must be a number, not a string`, `must be one of "WGS84",
 * "GCJ02"…, not "wgs"`. Undefined leaves zod's message (a schema's own message stays). Pure.
 */
export function feedIssueMessage(issue: RawIssue): string | undefined {
  const hint = hintOf(issue);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = hint ?? EXPECTED[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return `is required: ${expected}`;
      return `must be ${expected}, not ${kindOf(issue.input)}`;
    }
    case 'invalid_format': {
      if (issue.format === 'regex') return undefined;
      const noOffset =
        issue.format === 'datetime' &&
        typeof issue.input === 'string' &&
        /T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(issue.input)
          ? ' (it has no offset: add Z or +08:00)'
          : '';
      return `must be ${hint ?? issue.format}, not ${shown(issue.input)}${noOffset}`;
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => shown(v));
      const allowed = values.length === 1 ? values[0] : `one of ${values.join(', ')}`;
      return `must be ${allowed}, not ${shown(issue.input)}`;
    }
    case 'too_small':
    case 'too_big':
      return `${bound(issue)}${typeof issue.input === 'number' ? `, not ${issue.input}` : ''}`;
    case 'invalid_union':
      return hint === undefined ? undefined : `must be ${hint}`;
    default:
      return undefined;
  }
}

/** Parse options for feed messages: refusals in `feedIssueMessage`'s words. */
export const FEED_PARSE = {
  error: (issue: RawIssue) => feedIssueMessage(issue),
} as const;

/**
 * One offending field and why, as a reason reads: the path, then the words. Messages that start
 * with a verb ("is required", "must be") follow the path; others (a schema's own) after a colon.
 */
export function reasonAt(path: readonly (string | number)[], words: string): string {
  const where = path.length === 0 ? '(message)' : path.join('.');
  return /^(is|must|has) /.test(words) ? `${where} ${words}` : `${where}: ${words}`;
}
