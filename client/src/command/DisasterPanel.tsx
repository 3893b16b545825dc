import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { FIGURE_NAMES, type DisasterReport } from '@cc/shared';
import { loadSession } from '../auth/session';
import { useFormatters } from '../i18n/format';
import { useAppStore } from '../store/use-app-store';
import { useTablet } from './context';
import { disasterPhotoPath, pendingDisasterReports } from './disaster-reports';
import { tabletUi, type DisasterAction } from './ui-store';

/** A report photo, fetched with the tablet's token (the server serves photos to signed-in roles). */
function Thumbnail({ photoId, alt }: { photoId: string; alt: string }): ReactElement {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const ctl = new AbortController();
    let objectUrl: string | null = null;
    const token = loadSession(window.localStorage, Date.now())?.token;
    fetch(disasterPhotoPath(photoId), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: ctl.signal,
    })
      .then(async (res) => {
        if (!res.ok) throw new Error(`http ${res.status}`);
        objectUrl = URL.createObjectURL(await res.blob());
        setUrl(objectUrl);
      })
      .catch(() => {
        if (!ctl.signal.aborted) setFailed(true);
      });
    return () => {
      ctl.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [photoId]);
  return url ? (
    <img className="disaster-card__photo" src={url} alt={alt} data-testid="disaster-photo" />
  ) : (
    <span
      className="disaster-card__photo disaster-card__photo--none"
      data-testid="disaster-photo"
      data-state={failed ? 'failed' : 'loading'}
    />
  );
}

const ACTIONS: readonly DisasterAction[] = ['verify', 'reject', 'merge', 'link', 'incident'];

/** One officer's report: what, where, when, the figures, the photos, who; the bureau's actions. */
function DisasterCard({ report }: { report: DisasterReport }): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { canVerify } = useTablet();
  const figures = report.figures;
  return (
    <li className="disaster-card" data-testid="disaster-card" data-report-id={report.id}>
      <div className="disaster-card__head">
        <span className="disaster-card__hazard">
          {t(`officer.hazards.${report.hazard ?? 'other'}`)}
        </span>
        <span className="disaster-card__area">{report.area.name}</span>
        <span className="disaster-card__time">
          {t('command.disaster.occurred', {
            time: fmt.time(report.occurredAt ?? report.reportedAt),
          })}
        </span>
      </div>
      {figures && (
        <dl className="disaster-card__figures" data-testid="disaster-figures">
          {FIGURE_NAMES.map((name) => (
            <div
              key={name}
              className="disaster-card__figure"
              data-figure={name}
              data-value={figures[name]}
            >
              <dt>{t(`officer.figures.${name}`)}</dt>
              <dd>{fmt.value(figures[name])}</dd>
            </div>
          ))}
        </dl>
      )}
      {report.description && <p className="disaster-card__text">{report.description}</p>}
      {report.photos.length > 0 && (
        <div className="disaster-card__photos">
          {report.photos.map((p, i) => (
            <Thumbnail
              key={p.id}
              photoId={p.id}
              alt={t('command.disaster.photo', { n: i + 1, area: report.area.name })}
            />
          ))}
        </div>
      )}
      <div className="disaster-card__line" data-testid="disaster-officer">
        {t('command.disaster.reportedBy', {
          by: report.reportedBy,
          time: fmt.time(report.reportedAt),
        })}
      </div>
      {canVerify && (
        <div className="tablet-actions disaster-card__actions">
          {ACTIONS.map((action) => (
            <button
              key={action}
              type="button"
              className={`tablet-btn${action === 'verify' ? ' tablet-btn--primary' : ''}`}
              data-testid={`disaster-${action}`}
              onClick={() =>
                tabletUi.setState({ dialog: { kind: 'disaster', reportId: report.id, action } })
              }
            >
              {t(`command.disaster.action.${action}`)}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}

/**
 * 灾情核查: the officers' reports waiting for the bureau, newest first. Roles that may verify
 * (核灾) get the actions; others read the list.
 */
export function DisasterPanel(): ReactElement {
  const { t } = useTranslation();
  const reports = useAppStore((s) => s.disasterreports);
  const pending = pendingDisasterReports(reports);
  return (
    <section className="tablet-section" data-testid="disaster-panel">
      <h2 className="tablet-section__title">
        {t('command.disaster.title')}
        <span className="tablet-count">{pending.length}</span>
      </h2>
      {pending.length === 0 ? (
        <p className="tablet-empty" data-testid="disaster-empty">
          {t('command.disaster.empty')}
        </p>
      ) : (
        <ul className="disaster-cards" data-testid="disaster-cards" data-count={pending.length}>
          {pending.map((r) => (
            <DisasterCard key={r.id} report={r} />
          ))}
        </ul>
      )}
    </section>
  );
}
