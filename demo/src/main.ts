/**
 * Demo simulator: fictional Changzhou enterprises publish their major hazard sources and live
 * sensor readings over MQTT, with scripted alarm episodes, and the city's departments publish
 * incidents, resources (answering the command center's orders), weather warnings and the risk
 * map: `node --import tsx demo/src/main.ts`.
 */
import { createLogger, loadConfig } from '@cc/shared/node';
import { demoPassword } from './demo-credentials';
import { loadSimEnv } from './sim-env';
import { createSimulator } from './simulator/simulator';
import { runSupervisionDesk } from './hidden-hazards/desk';
import { runDisasterOfficers } from './disaster/officers';

function readSettings() {
  try {
    return { config: loadConfig(), sim: loadSimEnv() };
  } catch (err) {
    // A configuration mistake is the operator's to fix: say what is wrong, no stack trace.
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}

const { config, sim } = readSettings();
const log = createLogger('simulator', config.LOG_LEVEL);
const simulator = createSimulator({
  url: config.MQTT_URL,
  topicRoot: config.MQTT_TOPIC_ROOT,
  protocolVersion: config.MQTT_PROTOCOL_VERSION,
  intervalMs: sim.SIM_INTERVAL_MS,
  seed: sim.SIM_SEED,
  ...(sim.SIM_EPISODES === 'off' ? { episodes: false as const } : {}),
  picture: {
    everydayEveryMs: sim.SIM_INCIDENT_EVERY_S * 1000,
    seriousEveryMs: sim.SIM_SERIOUS_INCIDENT_EVERY_S * 1000,
  },
  // The demo agencies' public demo passwords (demo/agencies.demo.yaml); a broker without
  // authentication ignores them.
  credentials: (agency) => ({ username: agency, password: demoPassword(agency) }),
  logger: log,
});

log.info(
  {
    url: config.MQTT_URL,
    topicRoot: config.MQTT_TOPIC_ROOT,
    agencies: simulator.agencies.length,
    intervalMs: sim.SIM_INTERVAL_MS,
    seed: sim.SIM_SEED,
    episodes: sim.SIM_EPISODES,
    incidentEveryS: sim.SIM_INCIDENT_EVERY_S,
    seriousIncidentEveryS: sim.SIM_SERIOUS_INCIDENT_EVERY_S,
  },
  'simulator starting',
);
simulator.start();

// Hidden hazards: eight enterprises report self-checks; the supervision desk moves them along.
const now = Date.now();
runSupervisionDesk({
  mqttUrl: config.MQTT_URL,
  topicRoot: config.MQTT_TOPIC_ROOT,
  serverUrl: `http://127.0.0.1:${config.PORT}`,
  username: 'supervisor',
  password: demoPassword('supervisor'),
  enterprises: simulator.engine.agencies.slice(0, 8).flatMap((agency) => {
    const [hazard] = simulator.engine.hazards(agency, now);
    return hazard ? [{ agency, hazard }] : [];
  }),
  credentials: (agency) => ({ username: agency, password: demoPassword(agency) }),
  log,
}).catch((err: unknown) => {
  log.warn({ err: String(err) }, 'demo hidden hazards not set up (is sign-in on?)');
});

// Disaster information officers: a verified flood report, 零报告, and one town that has not reported.
runDisasterOfficers(`http://127.0.0.1:${config.PORT}`, log).catch((err: unknown) => {
  log.warn({ err: String(err) }, 'demo disaster reports not sent (is sign-in on?)');
});

function shutdown(signal: NodeJS.Signals): void {
  log.info({ signal }, 'stopping the simulator');
  // A second signal, or a stop that hangs, must still end the process.
  const force = setTimeout(() => {
    log.error('the simulator did not stop in time; exiting');
    process.exit(1);
  }, 15_000);
  force.unref();
  process.once(signal, () => process.exit(130));
  simulator.stop().then(
    () => {
      clearTimeout(force);
      process.exitCode = 0;
    },
    (err: unknown) => {
      log.error({ err: String(err) }, 'stopping the simulator failed');
      process.exit(1);
    },
  );
}

process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
