import { describe, expect, it } from 'vitest';
import { PortInUseError, startEmbeddedBroker } from '../../ingest/src/broker/embedded';

describe('the embedded broker', () => {
  it('says plainly that its port is taken, and leaves nothing running', async () => {
    const first = await startEmbeddedBroker(0);
    try {
      const second = startEmbeddedBroker(first.port);
      await expect(second).rejects.toBeInstanceOf(PortInUseError);
      await expect(second).rejects.toThrow(`port ${first.port} is already in use`);
    } finally {
      await first.close();
    }
  });
});
