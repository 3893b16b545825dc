import mqtt from 'mqtt';
import { createTopics } from '@cc/shared';
import { hasFfmpeg, makeClip } from '../../demo/src/cameras/clip';
import { DEMO_CAMERA_AGENCY, demoCameras } from '../../demo/src/cameras/demo-cameras';
import { startLoopServer } from '../../demo/src/cameras/loop-server';
import { demoPassword } from '../../demo/src/demo-credentials';

/**
 * The demo's cameras for `npm start`: a 12 s clip made once with ffmpeg (kept in `dataDir`),
 * served as endless live HLS streams on 127.0.0.1 (standing in for an agency's media server), and
 * the cameras registered over MQTT by the traffic police's demo account. Without ffmpeg nothing
 * is registered and the message says why; the product starts all the same.
 */
export async function startDemoCameras(options: {
  dataDir: string;
  mqttUrl: string;
  topicRoot: string;
}): Promise<{ message: string; close: () => Promise<void> }> {
  const none = async () => {};
  if (!(await hasFfmpeg())) {
    return {
      message:
        '  ⚠ ffmpeg not found: the demo cameras have no video and are left out (install ffmpeg, e.g. `apt-get install ffmpeg`, for live camera tiles).',
      close: none,
    };
  }
  try {
    const clip = await makeClip(options.dataDir);
    const server = await startLoopServer(clip);
    const cameras = demoCameras(server.playlist, new Date().toISOString());
    const client = await mqtt.connectAsync(options.mqttUrl, {
      username: DEMO_CAMERA_AGENCY,
      password: demoPassword(DEMO_CAMERA_AGENCY),
      clientId: `${DEMO_CAMERA_AGENCY}.cameras`,
      protocolVersion: 4,
    });
    await client.publishAsync(
      createTopics(options.topicRoot).feed(DEMO_CAMERA_AGENCY, 'camera'),
      JSON.stringify(cameras),
      { qos: 1 },
    );
    await client.endAsync();
    return {
      message: `  Demo cameras: ${cameras.length}, their video looped from a clip on ${server.url}`,
      close: server.close,
    };
  } catch (err) {
    return {
      message: `  ⚠ demo cameras not started: ${(err as Error).message}`,
      close: none,
    };
  }
}
