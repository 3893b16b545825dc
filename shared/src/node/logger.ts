import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs to stdout; `npm start` pipes them through pino-pretty for people. */
export function createLogger(name: string, level: string): Logger {
  return pino({ name, level, base: { service: name } });
}
