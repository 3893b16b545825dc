import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { WallConfig } from '../wall/config';

export class WallFileError extends Error {
  constructor(file: string, detail: string) {
    super(`wall file ${file} ${detail}`);
    this.name = 'WallFileError';
  }
}

/** Validates an already parsed wall file; throws WallFileError naming every bad field. */
export function parseWallConfig(data: unknown, file = '(inline)'): WallConfig {
  const parsed = WallConfig.safeParse(data ?? {});
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new WallFileError(file, `is invalid\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Reads the wall file (YAML) once, at start-up; no file = the defaults. */
export function loadWallConfig(path: string): WallConfig {
  if (!path) return parseWallConfig({});
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new WallFileError(path, `cannot be read (${(err as Error).message})`);
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    throw new WallFileError(path, `is not YAML (${(err as Error).message})`);
  }
  return parseWallConfig(data, path);
}
