import { useCallback, useEffect, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DISASTER_HAZARDS,
  FIGURE_NAMES,
  type DisasterFigures,
  type DisasterHazard,
  type DisasterReport,
  type ReporterArea,
} from '@cc/shared';
import { clearSession, loadSession, login, saveSession } from '../auth/session';
import { ApiError, getJson } from '../command/api';
import { newCommandId } from '../command/command-id';
import { flushQueue, readQueue, shrinkPhoto, writeQueue, type QueuedReport } from './queue';
import { TapMap } from './TapMap';
import './officer.css';

interface Me {
  name: string;
  area: ReporterArea;
  date: string;
  today: DisasterReport[];
}

const MAX_PHOTOS = 3;

/** `YYYY-MM-DDTHH:mm` in the phone's time, for a datetime-local input. */
function localInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

function SignInForm(props: { onDone: () => void }): ReactElement {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await login({ username: username.trim(), password });
    if (r.outcome === 'ok') {
      saveSession(window.localStorage, { token: r.token, kind: 'user' });
      props.onDone();
    } else setError(t(`officer.signIn.${r.outcome === 'invalid' ? 'invalid' : 'failed'}`));
  }
  return (
    <form className="officer__card" onSubmit={(e) => void submit(e)} data-testid="officer-sign-in">
      <h2>{t('officer.signIn.title')}</h2>
      <label>
        {t('officer.signIn.username')}
        <input value={username} onChange={(e) => setUsername(e.target.value)} name="username" />
      </label>
      <label>
        {t('officer.signIn.password')}
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          name="password"
        />
      </label>
      {error && <p className="officer__error">{error}</p>}
      <button type="submit">{t('officer.signIn.submit')}</button>
    </form>
  );
}

const EMPTY_FIGURES = Object.fromEntries(FIGURE_NAMES.map((k) => [k, ''])) as Record<
  keyof DisasterFigures,
  string
>;

/**
 * The disaster information officer's phone screen (`/report`): 报灾 with the statistics system's
 * fields and up to three photos, and the day's 零报告. A report is queued on the phone first and
 * sent when the link allows, once (the server knows it by the phone's id).
 */
export function OfficerApp(): ReactElement {
  const { t } = useTranslation();
  const [signedIn, setSignedIn] = useState(() => !!loadSession(window.localStorage, Date.now()));
  const [me, setMe] = useState<Me | null>(null);
  const [online, setOnline] = useState(() => navigator.onLine);
  const [queue, setQueue] = useState<QueuedReport[]>(() => readQueue());
  const [notice, setNotice] = useState<string | null>(null);
  const [hazard, setHazard] = useState<DisasterHazard>('flood');
  const [occurred, setOccurred] = useState(() => localInput(Date.now()));
  const [location, setLocation] = useState<[number, number] | undefined>();
  const [locationSource, setLocationSource] = useState<'gps' | 'map'>('map');
  const [figures, setFigures] = useState(EMPTY_FIGURES);
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    getJson('/api/v1/disaster-reports/me').then(
      (m) => setMe(m as Me),
      (err: unknown) => {
        if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
          clearSession(window.localStorage);
          setSignedIn(false);
        }
      },
    );
  }, []);

  const flush = useCallback(() => {
    void flushQueue(() => setQueue(readQueue())).then((n) => {
      setQueue(readQueue());
      if (n > 0) {
        setNotice(t('officer.sentN', { count: n }));
        refresh();
      }
    });
  }, [refresh, t]);

  useEffect(() => {
    if (!signedIn) return;
    refresh();
    flush();
    const up = () => {
      setOnline(true);
      flush();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    const timer = setInterval(() => {
      if (readQueue().some((q) => !q.refused)) flush();
    }, 15_000);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      clearInterval(timer);
    };
  }, [signedIn, refresh, flush]);

  if (!signedIn) {
    return (
      <div className="officer">
        <SignInForm onDone={() => setSignedIn(true)} />
      </div>
    );
  }

  function gps() {
    setError(null);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocation([
          Math.round(p.coords.longitude * 1e5) / 1e5,
          Math.round(p.coords.latitude * 1e5) / 1e5,
        ]);
        setLocationSource('gps');
      },
      () => setError(t('officer.gpsFailed')),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  }

  async function addPhotos(files: FileList | null) {
    if (!files) return;
    const room = MAX_PHOTOS - photos.length;
    const picked = [...files].slice(0, room);
    const shrunk = await Promise.all(picked.map((f) => shrinkPhoto(f)));
    setPhotos([...photos, ...shrunk]);
    if (files.length > room) setError(t('officer.photoLimit', { count: MAX_PHOTOS }));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!location) return void setError(t('officer.needLocation'));
    const occurredAt = new Date(occurred).getTime();
    if (!Number.isFinite(occurredAt)) return void setError(t('officer.needTime'));
    const nums = Object.fromEntries(
      FIGURE_NAMES.map((k) => [k, figures[k] === '' ? 0 : Number(figures[k])]),
    ) as DisasterFigures;
    if (Object.values(nums).some((v) => !Number.isFinite(v) || v < 0)) {
      return void setError(t('officer.badFigure'));
    }
    const item: QueuedReport = {
      id: newCommandId(),
      fields: {
        hazard,
        occurredAt,
        location,
        locationSource,
        figures: nums,
        ...(description.trim() ? { description: description.trim() } : {}),
      },
      pendingPhotos: photos,
      photoIds: [],
      queuedAt: Date.now(),
    };
    try {
      writeQueue([...readQueue(), item]);
    } catch {
      return void setError(t('officer.storageFull'));
    }
    setQueue(readQueue());
    setNotice(t('officer.queued'));
    setFigures(EMPTY_FIGURES);
    setDescription('');
    setPhotos([]);
    setLocation(undefined);
    flush();
  }

  async function zero() {
    setError(null);
    const token = loadSession(window.localStorage, Date.now())?.token;
    try {
      const res = await fetch('/api/v1/disaster-reports/zero', {
        method: 'POST',
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      if (!res.ok) throw new Error(String(res.status));
      setNotice(t('officer.zeroSent'));
      refresh();
    } catch {
      setError(t('officer.zeroFailed'));
    }
  }

  const sentToday = me?.today ?? [];
  const zeroToday = sentToday.some((r) => r.type === 'zero');
  const waiting = queue.filter((q) => !q.refused);
  const refused = queue.filter((q) => q.refused);

  return (
    <div className="officer">
      <header className="officer__head">
        <h1>{t('officer.title')}</h1>
        <span
          className={online ? 'officer__online' : 'officer__offline'}
          data-testid="officer-link"
        >
          {online ? t('officer.online') : t('officer.offline')}
        </span>
        {me && (
          <p data-testid="officer-who">
            {me.name} · {me.area.name}
          </p>
        )}
      </header>

      <section className="officer__card">
        <p data-testid="officer-today">
          {t('officer.today', { date: me?.date ?? '—', count: sentToday.length })}
        </p>
        <button
          type="button"
          onClick={() => void zero()}
          disabled={zeroToday}
          data-testid="officer-zero"
        >
          {zeroToday ? t('officer.zeroDone') : t('officer.zero')}
        </button>
      </section>

      {(waiting.length > 0 || refused.length > 0 || notice) && (
        <section className="officer__card" aria-live="polite">
          {notice && <p data-testid="officer-notice">{notice}</p>}
          {waiting.length > 0 && (
            <p className="officer__queued" data-testid="officer-queue">
              {t('officer.queueCount', { count: waiting.length })}
            </p>
          )}
          {refused.map((q) => (
            <p key={q.id} className="officer__error" data-testid="officer-refused">
              {t('officer.refused', { reason: q.refused })}{' '}
              <button
                type="button"
                onClick={() => {
                  writeQueue(readQueue().filter((x) => x.id !== q.id));
                  setQueue(readQueue());
                }}
              >
                {t('officer.discard')}
              </button>
            </p>
          ))}
        </section>
      )}

      <form className="officer__card officer__form" onSubmit={submit} data-testid="officer-form">
        <h2>{t('officer.report')}</h2>
        <label>
          {t('officer.hazard')}
          <select
            value={hazard}
            onChange={(e) => setHazard(e.target.value as DisasterHazard)}
            name="hazard"
          >
            {DISASTER_HAZARDS.map((h) => (
              <option key={h} value={h}>
                {t(`officer.hazards.${h}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('officer.occurredAt')}
          <input
            type="datetime-local"
            value={occurred}
            onChange={(e) => setOccurred(e.target.value)}
            name="occurredAt"
          />
        </label>
        <div className="officer__where">
          <span>{t('officer.location')}</span>
          <button type="button" onClick={gps} data-testid="officer-gps">
            {t('officer.useGps')}
          </button>
          <small>{t('officer.orTap')}</small>
        </div>
        <TapMap
          district={me?.area.code.slice(0, 6) ?? ''}
          value={location}
          onPick={(p) => {
            setLocation(p);
            setLocationSource('map');
          }}
        />
        <p data-testid="officer-location">
          {location
            ? `${location[1].toFixed(5)}, ${location[0].toFixed(5)} (${t(`officer.source.${locationSource}`)})`
            : t('officer.noLocation')}
        </p>
        <div className="officer__figures">
          {FIGURE_NAMES.map((k) => (
            <label key={k}>
              {t(`officer.figures.${k}`)}
              <input
                inputMode="decimal"
                type="number"
                min={0}
                step={k === 'cropHa' || k === 'lossWanYuan' ? '0.01' : '1'}
                value={figures[k]}
                onChange={(e) => setFigures({ ...figures, [k]: e.target.value })}
                name={k}
                placeholder="0"
              />
            </label>
          ))}
        </div>
        <label>
          {t('officer.description')}
          <textarea
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            name="description"
            rows={3}
            maxLength={2000}
          />
        </label>
        <label>
          {t('officer.photos', { count: MAX_PHOTOS })}
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp"
            capture="environment"
            multiple
            disabled={photos.length >= MAX_PHOTOS}
            onChange={(e) => void addPhotos(e.target.files)}
            data-testid="officer-photo-input"
          />
        </label>
        {photos.length > 0 && (
          <div className="officer__thumbs">
            {photos.map((p, i) => (
              <img key={i} src={p} alt="" />
            ))}
          </div>
        )}
        {error && (
          <p className="officer__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="officer__submit" data-testid="officer-submit">
          {t('officer.submit')}
        </button>
      </form>
    </div>
  );
}
