import { useEffect, useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { worseLevel, type Alarm, type Hazard, type RiskLevel } from '@cc/shared';
import { ApiError } from '../command/api';
import { RISK_COLORS, css } from '../map/layers/palette';
import { RiskAssessment } from '../panels/RiskAssessment';
import { useAppStore } from '../store/use-app-store';
import { getEnterprise, type EnterpriseProfileData } from './api';

const day = (ms: number) => new Date(ms).toLocaleDateString('zh-CN');
const time = (ms: number) => new Date(ms).toLocaleString('zh-CN');

/** The enterprise's colour: the worst dynamic colour of its hazard sources. Pure. */
export function worstColour(hazards: readonly Hazard[]): RiskLevel | undefined {
  let worst: RiskLevel | undefined;
  for (const h of hazards) {
    const c = h.riskColour?.colour;
    if (c) worst = worst ? worseLevel(worst, c) : c;
  }
  return worst;
}

function AlarmRow({ alarm, hazards }: { alarm: Alarm; hazards: readonly Hazard[] }) {
  const { t } = useTranslation();
  const hazard = hazards.find((h) => h.id === alarm.hazardId);
  const sensor = hazard?.sensors.find((s) => s.id === alarm.sensorId);
  const what =
    alarm.cause === 'threshold'
      ? `${sensor?.name ?? (alarm.metric ? t(`metric.${alarm.metric}`) : (alarm.sensorId ?? ''))} ${t(`level.${alarm.peak}`)}`
      : t(`risk.profile.cause.${alarm.cause}`);
  const value = alarm.lastValue !== undefined ? ` · ${alarm.lastValue}${alarm.unit ?? ''}` : '';
  return (
    <tr data-alarm={alarm.id} data-status={alarm.status} data-level={alarm.peak}>
      <td>{time(alarm.raisedAt)}</td>
      <td>{hazard?.name ?? '—'}</td>
      <td>
        {what}
        {value}
      </td>
      <td className={alarm.status === 'active' ? 'risk__overdue' : 'risk__muted'}>
        {alarm.status === 'active'
          ? t('risk.profile.alarmActive')
          : t('risk.profile.alarmCleared', {
              at: alarm.clearedAt ? time(alarm.clearedAt) : '—',
            })}
      </td>
    </tr>
  );
}

/**
 * 一企一档: one enterprise's file on the `/risk` screen (`/risk/enterprise/{agency}`): its major
 * hazard sources with the registered grade, live R and grade with the formula's terms, the dynamic
 * colour and why; its open hidden hazards; its recent alarms. Asked of the server again when the
 * enterprise's hazards, hidden hazards or alarms change on the live link; the hazards themselves
 * are shown as the live link holds them (they change with every tank level).
 */
export function EnterpriseProfile(props: {
  agency: string;
  onBack: () => void;
  onItem: (id: string) => void;
}): ReactElement {
  const { t } = useTranslation();
  const { agency } = props;
  const [profile, setProfile] = useState<EnterpriseProfileData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const liveHazards = useAppStore((s) => s.hazards);
  const hiddenhazards = useAppStore((s) => s.hiddenhazards);
  const alarms = useAppStore((s) => s.alarms);
  const session = useAppStore((s) => s.auth.session);
  // What makes the file worth asking for again: this enterprise's items and alarms changing.
  const version = useMemo(() => {
    const parts: string[] = [];
    for (const h of hiddenhazards.values()) if (h.agency === agency) parts.push(`${h.id}@${h.ts}`);
    for (const a of alarms.values()) if (a.agency === agency) parts.push(`${a.id}@${a.updatedAt}`);
    return parts.sort().join(',');
  }, [hiddenhazards, alarms, agency]);
  useEffect(() => {
    const ctl = new AbortController();
    getEnterprise(agency, ctl.signal).then(
      (p) => {
        setProfile(p);
        setError(null);
      },
      (err: unknown) => {
        if (ctl.signal.aborted) return;
        setError(err instanceof ApiError ? `${err.message} (${err.status})` : String(err));
      },
    );
    return () => ctl.abort();
  }, [agency, version, session]);
  useEffect(() => {
    document.title = `${profile?.enterprise ?? agency} · ${t('risk.profile.title')}`;
  }, [profile, agency, t]);

  const hazards = useMemo(
    () => (profile?.hazards ?? []).map((h) => liveHazards.get(h.id) ?? h),
    [profile, liveHazards],
  );
  const colour = worstColour(hazards);
  return (
    <section className="risk-profile" data-testid="risk-profile" data-agency={agency}>
      <header className="risk-profile__header">
        <button className="risk__link" onClick={props.onBack} data-testid="risk-profile-back">
          ← {t('risk.profile.back')}
        </button>
        <h2>
          {colour && (
            <span
              className="risk-profile__swatch"
              style={{ background: css(RISK_COLORS[colour]) }}
              aria-hidden
            />
          )}
          <span data-testid="risk-profile-name">{profile?.enterprise ?? agency}</span>
          <small> · {t('risk.profile.title')}</small>
        </h2>
        {profile && (
          <p data-testid="risk-profile-summary" data-colour={colour ?? ''}>
            {t('risk.profile.summary', {
              hazards: hazards.length,
              open: profile.hiddenHazardCounts.open,
              overdue: profile.hiddenHazardCounts.overdue,
              closed: profile.hiddenHazardCounts.closed,
            })}
            {colour && ` · ${t('risk.profile.colour')} ${t(`risk.colour.${colour}`)}`}
          </p>
        )}
        {error && (
          <p className="risk__error" data-testid="risk-profile-error">
            {error}
          </p>
        )}
      </header>
      {profile && (
        <div className="risk-profile__body">
          <section className="risk-profile__hazards">
            <h3>{t('risk.profile.hazards')}</h3>
            {hazards.length === 0 && <p className="risk__muted">{t('risk.profile.noHazards')}</p>}
            {hazards.map((h) => (
              <article
                key={h.id}
                className="risk-profile__hazard"
                data-testid="risk-profile-hazard"
                data-hazard={h.id}
                data-colour={h.riskColour?.colour ?? ''}
              >
                <h4>
                  {h.name}
                  {h.address && <small> · {h.address}</small>}
                </h4>
                <RiskAssessment hazard={h} />
              </article>
            ))}
          </section>
          <div className="risk-profile__side">
            <section>
              <h3>{t('risk.profile.openItems', { count: profile.openHiddenHazards.length })}</h3>
              {profile.openHiddenHazards.length === 0 ? (
                <p className="risk__muted">{t('risk.profile.noItems')}</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th>{t('risk.col.description')}</th>
                      <th>{t('risk.col.stage')}</th>
                      <th>{t('risk.col.grade')}</th>
                      <th>{t('risk.col.reported')}</th>
                    </tr>
                  </thead>
                  <tbody data-testid="risk-profile-items">
                    {profile.openHiddenHazards.map((item) => (
                      <tr
                        key={item.id}
                        data-id={item.id}
                        data-stage={item.stage}
                        className={item.overdueSince !== undefined ? 'risk__row--overdue' : ''}
                        onClick={() => props.onItem(item.id)}
                      >
                        <td>{item.description}</td>
                        <td>
                          {t(`risk.stage.${item.stage}`)}
                          {item.overdueSince !== undefined && (
                            <span className="risk__overdue"> {t('risk.overdue')}</span>
                          )}
                        </td>
                        <td>{item.grade ? t(`risk.grade.${item.grade}`) : '—'}</td>
                        <td>{day(item.reportedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section>
              <h3>{t('risk.profile.alarms')}</h3>
              {profile.alarms.length === 0 ? (
                <p className="risk__muted">{t('risk.profile.noAlarms')}</p>
              ) : (
                <table>
                  <tbody data-testid="risk-profile-alarms">
                    {profile.alarms.map((a) => (
                      <AlarmRow key={a.id} alarm={a} hazards={hazards} />
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </div>
        </div>
      )}
    </section>
  );
}
