import { useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, CameraCondition } from '@cc/shared';
import { useStream } from './use-stream';

/**
 * One camera's live picture with its state over it: loading, stalled (the last frame, marked),
 * or why it cannot be played. `data-state` and the video's `currentTime` are what a test reads.
 */
export function CameraVideo({
  camera,
  condition,
}: {
  camera: Camera;
  condition: CameraCondition;
}): ReactElement {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const frame = useRef<HTMLCanvasElement>(null);
  const stream = useStream(video, frame, camera.streams);
  const status = camera.streams === undefined ? 'hidden' : stream.status;
  let note: string | null = null;
  if (status === 'hidden') note = t('camera.noStreams');
  else if (status === 'loading') note = t('camera.loading');
  else if (status === 'stalled') note = t('camera.stalled', { seconds: stream.retryInS ?? 0 });
  else if (status === 'failed')
    note =
      stream.failure === 'unsupported'
        ? t('camera.unsupported')
        : t('camera.cannotPlay', { seconds: stream.retryInS ?? 0 });
  return (
    <div className="camera-video" data-testid="camera-video" data-state={status}>
      <canvas ref={frame} className="camera-video__frame" />
      <video ref={video} className="camera-video__video" muted playsInline autoPlay />
      {condition !== 'working' && (
        <span className={`camera-video__condition camera-video__condition--${condition}`}>
          {t(`camera.condition.${condition}`)}
        </span>
      )}
      {note !== null && (
        <span className={`camera-video__note camera-video__note--${status}`}>{note}</span>
      )}
    </div>
  );
}
