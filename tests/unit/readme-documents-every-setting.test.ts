import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '@cc/shared/node';
import { SIM_ENV_KEYS } from '../../demo/src/sim-env';

describe('the README configuration table', () => {
  it('names every setting the processes read', () => {
    const readme = readFileSync('README.md', 'utf8');
    const settings = [...Object.keys(ConfigSchema.shape), ...SIM_ENV_KEYS];
    expect(settings.filter((key) => !readme.includes(`\`${key}\``))).toEqual([]);
  });
});
