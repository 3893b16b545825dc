import { useCallback, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHANGZHOU_CITY_CODE,
  HH_STAGES,
  HiddenHazardSector,
  districtsForCode,
  type LedgerPage,
  type LedgerStats,
} from '@cc/shared';
import { SignIn } from '../auth/SignIn';
import { getJson } from '../command/api';
import { useAppStore } from '../store/use-app-store';
import { NO_FILTERS, getItem, ledgerQuery, type ItemDetail, type LedgerFilters } from './api';
import { EnterpriseProfile } from './EnterpriseProfile';
import { enterpriseFromPath, enterprisePath } from './route';
import { StepForm } from './StepForm';
import './risk.css';

const DISTRICTS = districtsForCode(CHANGZHOU_CITY_CODE);
const day = (ms: number) => new Date(ms).toLocaleDateString('zh-CN');
const time = (ms: number) => new Date(ms).toLocaleString('zh-CN');

function Filters(props: { value: LedgerFilters; onChange: (f: LedgerFilters) => void }) {
  const { t } = useTranslation();
  const f = props.value;
  const set = (k: keyof LedgerFilters) => (e: { target: { value: string } }) =>
    props.onChange({ ...f, [k]: e.target.value });
  const select = (k: keyof LedgerFilters, options: [string, string][]) => (
    <label>
      {t(`risk.filter.${k}`)}
      <select value={f[k]} onChange={set(k)} data-testid={`risk-filter-${k}`}>
        <option value="">{t('risk.all')}</option>
        {options.map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="risk__filters">
      {select(
        'district',
        DISTRICTS.map((d) => [d.code, d.name]),
      )}
      {select(
        'sector',
        HiddenHazardSector.options.map((s) => [s, t(`risk.sector.${s}`)]),
      )}
      {select(
        'stage',
        HH_STAGES.map((s) => [s, t(`risk.stage.${s}`)]),
      )}
      {select('grade', [
        ['general', t('risk.grade.general')],
        ['major', t('risk.grade.major')],
      ])}
      {select('overdue', [
        ['true', t('risk.overdue')],
        ['false', t('risk.notOverdue')],
      ])}
      <label>
        {t('risk.filter.enterprise')}
        <input
          value={f.enterprise}
          onChange={set('enterprise')}
          data-testid="risk-filter-enterprise"
        />
      </label>
    </div>
  );
}

function Detail(props: {
  id: string;
  version: unknown;
  onEnterprise: (item: { agency?: string | undefined; enterprise: string }) => void;
}) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<ItemDetail | null>(null);
  const load = useCallback(() => {
    getItem(props.id).then(setDetail, () => setDetail(null));
  }, [props.id]);
  useEffect(load, [load, props.version]);
  if (!detail) return null;
  const { item } = detail;
  return (
    <section className="risk__detail" data-testid="risk-detail" data-stage={item.stage}>
      <h2>{item.description}</h2>
      <p>
        <button
          className="risk__link"
          onClick={() => props.onEnterprise(item)}
          data-testid="risk-detail-enterprise"
        >
          {item.enterprise}
        </button>{' '}
        · {t(`risk.sector.${item.sector}`)} · {t(`risk.source.${item.source}`)}
      </p>
      <p>
        <strong data-testid="risk-detail-stage">{t(`risk.stage.${item.stage}`)}</strong>
        {item.grade && ` · ${t(`risk.grade.${item.grade}`)}`}
        {item.overdueSince !== undefined && (
          <span className="risk__overdue"> · {t('risk.overdue')}</span>
        )}
        {detail.deadline !== undefined && ` · ${t('risk.deadline')} ${day(detail.deadline)}`}
      </p>
      <ol className="risk__timeline" data-testid="risk-timeline">
        {item.history.map((s, i) => (
          <li key={i}>
            <time>{time(s.at)}</time> {s.by} · {t(`risk.action.${s.action}`)} →{' '}
            {t(`risk.stage.${s.to}`)}
            {s.note && ` · ${s.note}`}
          </li>
        ))}
      </ol>
      <StepForm id={item.id} steps={detail.steps} onDone={load} />
    </section>
  );
}

function Stats(props: { version: unknown }) {
  const { t } = useTranslation();
  const [stats, setStats] = useState<LedgerStats | null>(null);
  useEffect(() => {
    (getJson('/api/v1/hidden-hazards/stats') as Promise<LedgerStats>).then(setStats, () => {});
  }, [props.version]);
  if (!stats) return null;
  const rows = Object.entries(stats.byDistrict);
  const name = (code: string) => DISTRICTS.find((d) => d.code === code)?.name ?? code;
  return (
    <section className="risk__stats" data-testid="risk-stats">
      <h3>{t('risk.stats.title')}</h3>
      <p>
        {t('risk.stats.summary', {
          open: stats.total.open,
          overdue: stats.total.overdue,
          closed: stats.total.closedThisMonth,
          days: stats.averageDaysToClose ?? '—',
        })}
      </p>
      <table>
        <thead>
          <tr>
            <th />
            <th>{t('risk.stats.open')}</th>
            <th>{t('risk.stats.overdue')}</th>
            <th>{t('risk.stats.closed')}</th>
          </tr>
        </thead>
        <tbody>
          {[
            ...rows.map(([k, c]) => [name(k), c] as const),
            ...Object.entries(stats.bySector).map(([k, c]) => [t(`risk.sector.${k}`), c] as const),
          ].map(([label, c]) => (
            <tr key={label}>
              <th>{label}</th>
              <td>{c.open}</td>
              <td className={c.overdue ? 'risk__overdue' : ''}>{c.overdue}</td>
              <td>{c.closedThisMonth}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * The supervision staff's screen (`/risk`, desktop 1920×1080): the hidden-hazard ledger with its
 * filters, an item's timeline with the steps the signed-in account may take, and the statistics.
 * The ledger is asked of the server again whenever a hidden hazard changes on the live link.
 */
export function RiskApp(): ReactElement {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<LedgerFilters>(NO_FILTERS);
  // 一企一档 has its own address (`/risk/enterprise/{agency}`), so it can be linked and reloaded.
  const [enterprise, setEnterprise] = useState(() => enterpriseFromPath(window.location.pathname));
  useEffect(() => {
    const onPop = () => setEnterprise(enterpriseFromPath(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const go = useCallback((agency: string | null) => {
    const path = agency === null ? '/risk' : enterprisePath(agency);
    window.history.pushState(null, '', `${path}${window.location.search}`);
    setEnterprise(agency);
  }, []);
  /** An item's enterprise: its profile when it has an account, else the ledger filtered by name. */
  const openEnterprise = useCallback(
    (item: { agency?: string | undefined; enterprise: string }) => {
      if (item.agency !== undefined) go(item.agency);
      else setFilters({ ...NO_FILTERS, enterprise: item.enterprise });
    },
    [go],
  );
  const [page, setPage] = useState<LedgerPage | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const live = useAppStore((s) => s.hiddenhazards);
  const session = useAppStore((s) => s.auth.session);
  useEffect(() => {
    if (enterprise === null) document.title = `${t('risk.title')} · ${t('app.title')}`;
  }, [t, enterprise]);
  useEffect(() => {
    const ctl = new AbortController();
    (
      getJson(`/api/v1/hidden-hazards?${ledgerQuery(filters)}`, ctl.signal) as Promise<LedgerPage>
    ).then(setPage, () => {});
    return () => ctl.abort();
  }, [filters, live, session]);
  return (
    <div className="risk" data-testid="risk">
      <header className="risk__header">
        <h1>{t('risk.title')}</h1>
      </header>
      {enterprise !== null ? (
        <EnterpriseProfile
          agency={enterprise}
          onBack={() => go(null)}
          onItem={(id) => {
            setSelected(id);
            go(null);
          }}
        />
      ) : (
        <>
          <Filters value={filters} onChange={setFilters} />
          <div className="risk__body">
            <section className="risk__ledger">
              <p data-testid="risk-total">{t('risk.total', { count: page?.total ?? 0 })}</p>
              <table>
                <thead>
                  <tr>
                    <th>{t('risk.col.enterprise')}</th>
                    <th>{t('risk.col.description')}</th>
                    <th>{t('risk.col.sector')}</th>
                    <th>{t('risk.col.stage')}</th>
                    <th>{t('risk.col.grade')}</th>
                    <th>{t('risk.col.reported')}</th>
                  </tr>
                </thead>
                <tbody data-testid="risk-ledger">
                  {page?.items.map((item) => (
                    <tr
                      key={item.id}
                      data-id={item.id}
                      data-stage={item.stage}
                      className={`${item.overdueSince !== undefined ? 'risk__row--overdue' : ''} ${selected === item.id ? 'risk__row--selected' : ''}`}
                      onClick={() => setSelected(item.id)}
                    >
                      <td>
                        {item.agency !== undefined ? (
                          <button
                            className="risk__link"
                            data-testid="risk-ledger-enterprise"
                            data-agency={item.agency}
                            onClick={(e) => {
                              e.stopPropagation();
                              openEnterprise(item);
                            }}
                          >
                            {item.enterprise}
                          </button>
                        ) : (
                          item.enterprise
                        )}
                      </td>
                      <td>{item.description}</td>
                      <td>{t(`risk.sector.${item.sector}`)}</td>
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
            </section>
            <aside className="risk__side">
              {selected ? (
                <Detail id={selected} version={live.get(selected)} onEnterprise={openEnterprise} />
              ) : (
                <Stats version={live} />
              )}
            </aside>
          </div>
        </>
      )}
      <SignIn />
    </div>
  );
}
