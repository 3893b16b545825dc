import { randomBytes } from 'node:crypto';

/** A fresh namespace for one test: its own Redis key prefix, topic root and MQTT client ids. */
export function isolate(name: string) {
  const tag = `${name}-${randomBytes(4).toString('hex')}`;
  return {
    tag,
    prefix: `test:${tag}:`,
    topicRoot: `test-${tag}/cc/v1`,
    clientId: (role: string) => `${tag}-${role}`,
  };
}
export type Isolation = ReturnType<typeof isolate>;
