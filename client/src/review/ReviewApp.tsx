import { useEffect, useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlarmQuality, IntervalFigure, MonthlySeries, PeriodReview } from '@cc/shared';
import { SignIn } from '../auth/SignIn';
import { ApiError, getJson } from '../command/api';
import { useAppStore, useAppStoreApi } from '../store/use-app-store';
import { AXIS, Chart } from './Chart';
import type { EChartsCoreOption } from './echarts';
import { cstDay, duration, periodOf, type PeriodPreset } from './period';
import './review.css';

type Data = { period: PeriodReview; alarms: AlarmQuality | null; alarmsError: string | null };
type State =
  | { kind: 'loading' }
  | { kind: 'ready'; data: Data }
  | { kind: 'error'; code: string; message: string };

const PRESETS: PeriodPreset[] = ['month', 'last30', 'year', 'custom'];
const INTERVALS = ['reportToDispatch', 'dispatchToAcknowledge', 'dispatchToOnScene'] as const;
const LEVEL_COLOURS: Record<string, string> = {
  I: '#ff1f1f',
  II: '#ff9f0a',
  III: '#ffd60a',
  IV: '#4f9dde',
};
/**
 * EEMUA 191 / ISA-18.2: ≤ 6 per operator-hour manageable, ≤ 1 per 10 minutes the target; drawn
 * per day (one operator around the clock): 144 a day either way.
 */
const PER_DAY_AT_TARGET = 144;

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD` opens a custom range; else this month. */
function initialPeriod(): { preset: PeriodPreset; from: string; to: string } {
  const q = new URLSearchParams(window.location.search);
  const from = q.get('from');
  const to = q.get('to');
  const today = cstDay(Date.now());
  if (from && to) return { preset: 'custom', from, to };
  return { preset: 'month', from: `${today.slice(0, 7)}-01`, to: today };
}

function stacked(
  series: MonthlySeries[],
  months: string[],
  name: (s: MonthlySeries) => string,
  colour?: (s: MonthlySeries) => string | undefined,
): EChartsCoreOption {
  return {
    xAxis: { type: 'category', data: months, ...AXIS },
    yAxis: { type: 'value', minInterval: 1, ...AXIS },
    series: series.map((s) => ({
      type: 'bar',
      stack: 'n',
      name: name(s),
      data: s.counts,
      barMaxWidth: 48,
      ...(colour?.(s) ? { itemStyle: { color: colour(s) } } : {}),
    })),
  };
}

/**
 * The period evaluation (总结评价) on a desktop screen: incidents per month by level, category
 * and district, response intervals against their targets, the plan's KPIs per month and the
 * alarm quality of the enterprises' sensors, for a chosen period. Signed in, viewers and up.
 */
export default function ReviewApp(): ReactElement {
  const { t, i18n } = useTranslation();
  const store = useAppStoreApi();
  const session = useAppStore((s) => s.auth.session);
  const [choice, setChoice] = useState(initialPeriod);
  const [state, setState] = useState<State>({ kind: 'loading' });
  // The period is fixed when chosen (a moving "now" would refetch for ever).
  const period = useMemo(
    () => periodOf(choice.preset, Date.now(), { from: choice.from, to: choice.to }),
    [choice],
  );

  useEffect(() => {
    document.title = `${t('review.title')} · ${t('app.title')}`;
  }, [t]);
  useEffect(() => {
    if (!period) return;
    const ctl = new AbortController();
    const q = `from=${period.from}&to=${period.to}`;
    setState({ kind: 'loading' });
    const fail = (err: unknown) => {
      if (ctl.signal.aborted) return;
      if (err instanceof ApiError && err.status === 401) store.getState().requireSignIn('required');
      setState(
        err instanceof ApiError
          ? { kind: 'error', code: err.code, message: err.message }
          : { kind: 'error', code: 'network', message: String(err) },
      );
    };
    Promise.all([
      getJson(`/api/v1/review/period?${q}`, ctl.signal) as Promise<PeriodReview>,
      (getJson(`/api/v1/review/alarm-quality?${q}`, ctl.signal) as Promise<AlarmQuality>).then(
        (a) => ({ alarms: a, alarmsError: null }),
        (err: unknown) => ({ alarms: null, alarmsError: String((err as Error).message ?? err) }),
      ),
    ]).then(([p, a]) => {
      if (!ctl.signal.aborted) setState({ kind: 'ready', data: { period: p, ...a } });
    }, fail);
    return () => ctl.abort();
  }, [period, session, store]);

  return (
    <div className="review" data-testid="review" data-state={state.kind}>
      <header className="review__bar">
        <h1>{t('review.title')}</h1>
        <div className="review__period" role="group" aria-label={t('review.period')}>
          {PRESETS.map((p) => (
            <button
              key={p}
              type="button"
              data-preset={p}
              aria-pressed={choice.preset === p}
              onClick={() => setChoice((c) => ({ ...c, preset: p }))}
            >
              {t(`review.preset.${p}`)}
            </button>
          ))}
          {choice.preset === 'custom' && (
            <>
              <input
                type="date"
                name="from"
                aria-label={t('review.from')}
                value={choice.from}
                onChange={(e) => setChoice((c) => ({ ...c, from: e.target.value }))}
              />
              <span>–</span>
              <input
                type="date"
                name="to"
                aria-label={t('review.to')}
                value={choice.to}
                onChange={(e) => setChoice((c) => ({ ...c, to: e.target.value }))}
              />
            </>
          )}
        </div>
        {period && (
          <span className="review__range" data-testid="review-range">
            {cstDay(period.from)} – {cstDay(period.to - 1)}
          </span>
        )}
      </header>
      {!period && <p className="review__note">{t('review.badRange')}</p>}
      {state.kind === 'loading' && period && <p className="review__note">{t('review.loading')}</p>}
      {state.kind === 'error' && (
        <p className="review__note review__note--error" data-code={state.code}>
          {t('review.failed')} {state.message}
        </p>
      )}
      {state.kind === 'ready' && <Body data={state.data} lang={i18n.language} />}
      <SignIn />
    </div>
  );
}

function Body({ data, lang }: { data: Data; lang: string }): ReactElement {
  const { t } = useTranslation();
  const { period: p, alarms: aq } = data;
  const charts = useMemo(() => {
    const months = p.months.map((m) => cstDay(m).slice(0, 7));
    const level = stacked(
      p.byLevel,
      months,
      (s) => t(`incidentLevelLong.${s.key}`),
      (s) => LEVEL_COLOURS[s.key],
    );
    const category = stacked(p.byCategory, months, (s) => t(`incidentCategory.${s.key}`));
    const district = stacked(p.byDistrict, months, (s) =>
      s.key === 'unknown' ? t('review.unknownDistrict') : (s.name ?? s.key),
    );
    const names = INTERVALS.map((k) => t(`review.interval.${k}`));
    const toMin = (ms: number | null) => (ms === null ? null : Math.round(ms / 6_000) / 10);
    const intervals: EChartsCoreOption = {
      xAxis: { type: 'category', data: names, ...AXIS },
      yAxis: { type: 'value', name: t('review.minutes'), ...AXIS },
      series: [
        {
          type: 'bar',
          name: 'p50',
          data: INTERVALS.map((k) => toMin(p.intervals[k].p50)),
          barMaxWidth: 40,
        },
        {
          type: 'bar',
          name: 'p90',
          data: INTERVALS.map((k) => toMin(p.intervals[k].p90)),
          barMaxWidth: 40,
        },
        {
          type: 'line',
          name: t('review.target'),
          data: INTERVALS.map((k) => toMin(p.intervals[k].targetMs)),
          lineStyle: { type: 'dashed', color: '#ff9f0a' },
          itemStyle: { color: '#ff9f0a' },
          symbol: 'rect',
          symbolSize: 14,
        },
      ],
    };
    const planMonths = (p.plan?.months ?? []).map((m) => cstDay(m.month).slice(0, 7));
    const plan = (what: 'accidents' | 'deaths'): EChartsCoreOption => {
      const cap = what === 'accidents' ? 'Accidents' : 'Deaths';
      return {
        xAxis: { type: 'category', data: planMonths, ...AXIS },
        yAxis: { type: 'value', minInterval: 1, ...AXIS },
        series: [
          {
            type: 'bar',
            name: t(`review.plan.${what}`),
            data: (p.plan?.months ?? []).map((m) => m[what]),
            itemStyle: { color: '#4f9dde' },
          },
          {
            type: 'bar',
            name: t('review.plan.lastYear'),
            data: (p.plan?.months ?? []).map((m) => m[`lastYear${cap}`]),
            itemStyle: { color: '#5b6b7d' },
          },
          {
            type: 'line',
            name: t('review.plan.target', { pct: p.plan?.reductionPct ?? 30 }),
            data: (p.plan?.months ?? []).map((m) => m[`target${cap}`]),
            step: 'middle',
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#ff9f0a', width: 2 },
            itemStyle: { color: '#ff9f0a' },
          },
        ],
      };
    };
    const enterprises: EChartsCoreOption = {
      grid: { left: 48, right: 24, top: 40, bottom: 56 },
      xAxis: {
        type: 'category',
        data: (aq?.enterprises ?? []).map((e) => e.enterprise),
        ...AXIS,
        axisLabel: { ...AXIS.axisLabel, interval: 0, overflow: 'truncate', width: 110 },
      },
      yAxis: {
        type: 'value',
        name: t('review.alarms.perDayAxis'),
        max: (v: { max: number }) => Math.max(v.max, 160),
        ...AXIS,
      },
      series: [
        {
          type: 'bar',
          name: t('review.alarms.perDayEnterprise'),
          data: (aq?.enterprises ?? []).map((e) => Math.round(e.perDay * 10) / 10),
          barMaxWidth: 40,
          markLine: {
            symbol: 'none',
            label: {
              color: '#ff9f0a',
              formatter: t('review.alarms.manageable'),
              position: 'insideEndTop',
            },
            lineStyle: { color: '#ff9f0a', type: 'dashed', width: 2 },
            data: [{ yAxis: 24 * (aq?.benchmark.manageablePerHour ?? 6) }],
          },
        },
      ],
    };
    const perDay: EChartsCoreOption = {
      xAxis: {
        type: 'category',
        data: (aq?.perDayCounts ?? []).map((d) => cstDay(d.day).slice(5)),
        ...AXIS,
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        max: (v: { max: number }) => Math.max(v.max, 160),
        ...AXIS,
      },
      series: [
        {
          type: 'bar',
          name: t('review.alarms.perDay'),
          data: (aq?.perDayCounts ?? []).map((d) => d.alarms),
          barMaxWidth: 24,
          markLine: {
            symbol: 'none',
            label: {
              color: '#2ecc71',
              formatter: t('review.alarms.targetLine'),
              position: 'insideEndTop',
            },
            lineStyle: { color: '#2ecc71', type: 'dashed', width: 2 },
            data: [{ yAxis: PER_DAY_AT_TARGET * (aq?.benchmark.targetPer10Min ?? 1) }],
          },
        },
      ],
    };
    return {
      level,
      category,
      district,
      intervals,
      accidents: plan('accidents'),
      deaths: plan('deaths'),
      enterprises,
      perDay,
    };
    // `lang`: the labels again in the chosen language.
  }, [p, aq, t, lang]);

  const chattering = aq ? aq.sensors.filter((s) => s.chatterEpisodes > 0).length : null;
  const standing = aq ? aq.sensors.reduce((a, s) => a + s.standing, 0) : null;
  const fig = (f: IntervalFigure, k: string) => (
    <tr key={k} data-interval={k} data-on-target={String(f.onTarget)}>
      <th>{t(`review.interval.${k}`)}</th>
      <td data-figure="p50">{duration(f.p50)}</td>
      <td data-figure="p90" className={f.onTarget === false ? 'review__bad' : undefined}>
        {duration(f.p90)}
      </td>
      <td data-figure="target">≤ {duration(f.targetMs)}</td>
      <td data-figure="n">{f.n}</td>
    </tr>
  );

  return (
    <main className="review__grid">
      <section className="review__card" data-section="level">
        <h2>
          {t('review.byLevel')}{' '}
          <small data-testid="review-incidents">{t('review.incidents', { n: p.incidents })}</small>
        </h2>
        <Chart id="level" option={charts.level} />
      </section>
      <section className="review__card" data-section="category">
        <h2>{t('review.byCategory')}</h2>
        <Chart id="category" option={charts.category} />
      </section>
      <section className="review__card" data-section="district">
        <h2>{t('review.byDistrict')}</h2>
        <Chart id="district" option={charts.district} />
      </section>
      <section className="review__card review__card--intervals" data-section="intervals">
        <h2>{t('review.intervals')}</h2>
        <table className="review__table">
          <thead>
            <tr>
              <th />
              <th>p50</th>
              <th>p90</th>
              <th>{t('review.target')}</th>
              <th>n</th>
            </tr>
          </thead>
          <tbody>{INTERVALS.map((k) => fig(p.intervals[k], k))}</tbody>
        </table>
        <Chart id="intervals" option={charts.intervals} />
      </section>
      <section className="review__card review__card--plan" data-section="plan">
        <h2>
          {t('review.plan.title')}
          {p.plan && (
            <small>
              {t('review.plan.annual', {
                year: p.plan.year,
                accidents: p.plan.annualTargetAccidents,
                deaths: p.plan.annualTargetDeaths,
              })}
            </small>
          )}
        </h2>
        {p.plan ? (
          <div className="review__pair">
            <Chart id="planAccidents" option={charts.accidents} />
            <Chart id="planDeaths" option={charts.deaths} />
          </div>
        ) : (
          <p className="review__note">{t('review.plan.none')}</p>
        )}
      </section>
      <section className="review__card review__card--alarms" data-section="alarms">
        <h2>{t('review.alarms.title')}</h2>
        {aq ? (
          <>
            <dl className="review__figures">
              <div data-figure="perHour" data-ok={String(aq.benchmark.manageable)}>
                <dt>{t('review.alarms.avgPerHour')}</dt>
                <dd>{aq.perHour.toFixed(2)}</dd>
                <span>≤ {aq.benchmark.manageablePerHour}</span>
              </div>
              <div
                data-figure="peak10Min"
                data-ok={String(aq.peak10Min <= aq.benchmark.targetPer10Min)}
              >
                <dt>{t('review.alarms.peak10Min')}</dt>
                <dd>{aq.peak10Min}</dd>
                <span>≤ {aq.benchmark.targetPer10Min}</span>
              </div>
              <div data-figure="chattering">
                <dt>{t('review.alarms.chattering')}</dt>
                <dd>{chattering}</dd>
              </div>
              <div data-figure="standing">
                <dt>{t('review.alarms.standing')}</dt>
                <dd>{standing}</dd>
              </div>
              <div data-figure="stale">
                <dt>{t('review.alarms.stale')}</dt>
                <dd>{aq.staleSensors.length}</dd>
              </div>
              <div data-figure="medianAck">
                <dt>{t('review.alarms.medianAck')}</dt>
                <dd>{duration(aq.medianToAcknowledgeMs)}</dd>
              </div>
            </dl>
            <div className="review__alarms">
              <Chart id="enterprises" option={charts.enterprises} />
              <Chart id="perDay" option={charts.perDay} />
              <table className="review__table review__worst" data-testid="review-worst">
                <thead>
                  <tr>
                    <th>{t('review.alarms.sensor')}</th>
                    <th>{t('review.alarms.enterprise')}</th>
                    <th>{t('review.alarms.count')}</th>
                    <th>{t('review.alarms.chatter')}</th>
                    <th>{t('review.alarms.standingShort')}</th>
                  </tr>
                </thead>
                <tbody>
                  {aq.worst.map((s) => (
                    <tr key={s.sensorId} data-sensor={s.sensorId}>
                      <td>{s.sensorId}</td>
                      <td>{s.enterprise ?? '—'}</td>
                      <td>{s.alarms}</td>
                      <td>{s.chatterEpisodes}</td>
                      <td>{s.standing}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p className="review__note review__note--error">
            {t('review.failed')} {data.alarmsError}
          </p>
        )}
      </section>
    </main>
  );
}
