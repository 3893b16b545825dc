import type { z } from 'zod';

/** The JSON error of a refused query: the first issue, named by its parameter. */
export function invalidQuery(error: z.ZodError): { code: 'api.invalid'; message: string } {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { code: 'api.invalid', message: `${where}${issue?.message ?? 'invalid query'}` };
}
