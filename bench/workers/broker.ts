/** The embedded broker in a process of its own, so its CPU and memory are its own. */
import { startEmbeddedBroker } from '../../ingest/src/broker/embedded';
import { serveWorker } from '../procs';

let broker: Awaited<ReturnType<typeof startEmbeddedBroker>> | undefined;

serveWorker({
  async start() {
    broker = await startEmbeddedBroker(0);
    return { port: broker.port };
  },
});
process.on('SIGTERM', () => {
  void (broker?.close() ?? Promise.resolve()).then(() => process.exit(0));
});
