import en from './i18n/en.json' with { type: 'json' };
import zh from './i18n/zh-CN.json' with { type: 'json' };
import { escapeXml as esc, formatTime } from './map';
import type { IncidentReport, Percentiles } from './model';

export type ReportLang = 'zh-CN' | 'en';
type Words = typeof zh;
const WORDS: Record<ReportLang, Words> = { 'zh-CN': zh, en };

/** An interval as `M:SS` (or `H:MM:SS`); a dash when the step never happened. */
export function formatInterval(ms: number | null): string {
  if (ms === null) return '—';
  const sign = ms < 0 ? '−' : '';
  const s = Math.round(Math.abs(ms) / 1000);
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${pad(m)}:${pad(sec)}` : `${sign}${m}:${pad(sec)}`;
}

const time = (ms: number | null) => (ms === null ? '—' : formatTime(ms));

/** The print styles: A4 pages, sections kept whole where they fit, tables repeating heads. */
export const REPORT_CSS = `
.ir { font-family: 'Noto Sans CJK SC', 'Noto Sans', 'Microsoft YaHei', sans-serif; color: #111827;
  font-size: 12px; line-height: 1.45; max-width: 190mm; margin: 0 auto; background: #fff; }
.ir h1 { font-size: 20px; margin: 0 0 4px; }
.ir h2 { font-size: 15px; margin: 16px 0 6px; border-bottom: 2px solid #1f2937; padding-bottom: 2px; }
.ir .ir-meta { color: #4b5563; margin: 0 0 8px; }
.ir table { width: 100%; border-collapse: collapse; margin: 4px 0; }
.ir th, .ir td { border: 1px solid #d1d5db; padding: 3px 6px; text-align: left; vertical-align: top; }
.ir th { background: #f3f4f6; font-weight: 600; }
.ir td.num, .ir th.num { text-align: right; font-variant-numeric: tabular-nums; }
.ir dl { display: grid; grid-template-columns: 8em 1fr 8em 1fr; gap: 2px 8px; margin: 0; }
.ir dt { color: #4b5563; }
.ir dd { margin: 0; }
.ir figure { margin: 6px 0; }
.ir figure svg { width: 100%; height: auto; border: 1px solid #d1d5db; }
.ir figcaption { font-weight: 600; margin-bottom: 2px; }
.ir .ir-cover { color: #b91c1c; font-weight: 600; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  .ir { max-width: none; font-size: 10.5pt; }
  .ir section { break-inside: auto; }
  .ir h2 { break-after: avoid; }
  .ir tr, .ir figure, .ir dl { break-inside: avoid; }
  .ir thead { display: table-header-group; }
  .ir .ir-maps { break-before: page; }
}
`;

/** The report as an HTML fragment (`<article class="ir">`), every value escaped. */
export function renderReportHtml(r: IncidentReport, lang: ReportLang): string {
  const w = WORDS[lang];
  const t = (key: string): string => (w as Record<string, string>)[key] ?? key;
  const rows = (cells: string[][]) =>
    cells.map((c) => `<tr>${c.map((x) => `<td>${x}</td>`).join('')}</tr>`).join('');
  const head = (cells: string[]) =>
    `<thead><tr>${cells.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead>`;
  const section = (id: string, title: string, body: string) =>
    `<section class="ir-${id}" data-section="${id}"><h2>${esc(title)}</h2>${body}</section>`;
  const empty = `<p>${esc(t('none'))}</p>`;
  const i = r.incident;
  const pct = (p: Percentiles) =>
    `<td class="num">${formatInterval(p.p50)}</td><td class="num">${formatInterval(p.p90)}</td><td class="num">${p.n}</td>`;

  const summary = `<dl>
    <dt>${esc(t('field.title'))}</dt><dd>${esc(i.title)}</dd>
    <dt>${esc(t('field.type'))}</dt><dd>${esc(i.type)}</dd>
    <dt>${esc(t('field.level'))}</dt><dd>${esc(t(`level.${i.level}`))}</dd>
    <dt>${esc(t('field.peakLevel'))}</dt><dd>${esc(t(`level.${i.peakLevel}`))}</dd>
    <dt>${esc(t('field.status'))}</dt><dd>${esc(t(`status.${i.status}`))}</dd>
    <dt>${esc(t('field.agency'))}</dt><dd>${esc(i.agency)}</dd>
    <dt>${esc(t('field.address'))}</dt><dd>${esc(i.address ?? `${i.location[0].toFixed(5)}, ${i.location[1].toFixed(5)}`)}</dd>
    <dt>${esc(t('field.firstAlarm'))}</dt><dd>${time(r.firstAlarmAt)}</dd>
    <dt>${esc(t('field.reported'))}</dt><dd>${time(r.reportedAt)}</dd>
    <dt>${esc(t('field.firstDispatch'))}</dt><dd>${time(r.firstDispatchAt)}</dd>
    <dt>${esc(t('field.closed'))}</dt><dd>${time(r.closedAt)}</dd>
  </dl>${i.description ? `<p>${esc(i.description)}</p>` : ''}`;

  const timeline = r.timeline.length
    ? `<table>${head([t('time'), t('event'), ''])}<tbody>${rows(
        r.timeline.map((e) => {
          const what =
            e.kind === 'level' || e.kind === 'status' || e.kind === 'closed'
              ? `${e.kind === 'level' ? t(`level.${e.from}`) : t(`status.${e.from}`)} → ${e.kind === 'level' ? t(`level.${e.to}`) : t(`status.${e.to}`)}`
              : [e.unit, e.agency, e.by, e.text].filter(Boolean).join(' · ');
          return [time(e.at), esc(t(`tl.${e.kind}`)), esc(what)];
        }),
      )}</tbody></table>`
    : empty;

  const iv = r.intervals;
  const intervals = `<table>${head([t('interval.reportToFirstDispatch')])}<tbody><tr><td class="num" data-interval="reportToFirstDispatch">${formatInterval(iv.reportToFirstDispatch)}</td></tr></tbody></table>
  <table>${head(['', t('median'), t('p90'), t('n')])}<tbody>
    <tr><td>${esc(t('interval.toAcknowledge'))}</td>${pct(iv.toAcknowledge)}</tr>
    <tr><td>${esc(t('interval.toEnRoute'))}</td>${pct(iv.toEnRoute)}</tr>
    <tr><td>${esc(t('interval.toOnScene'))}</td>${pct(iv.toOnScene)}</tr>
  </tbody></table>
  ${
    iv.units.length
      ? `<table>${head([t('unit'), t('dispatched'), t('interval.toAcknowledge'), t('interval.toEnRoute'), t('interval.toOnScene')])}<tbody>${iv.units
          .map(
            (u) =>
              `<tr data-unit="${esc(u.resourceId)}"><td>${esc(u.name)}</td><td>${time(u.dispatchedAt)}</td><td class="num">${formatInterval(u.toAcknowledge)}</td><td class="num">${formatInterval(u.toEnRoute)}</td><td class="num">${formatInterval(u.toOnScene)}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : ''
  }`;

  const units = r.units.length
    ? `<table>${head([t('unit'), t('field.type'), t('field.agency'), t('members')])}<tbody>${rows(
        r.units.map((u) => [
          esc(u.name),
          esc(u.type),
          esc(u.agency),
          u.members === null ? '—' : String(u.members),
        ]),
      )}</tbody></table>${
        r.materials.length
          ? `<table>${head([t('materials'), '', t('unit')])}<tbody>${rows(
              r.materials.map((m) => [
                esc(m.item),
                `${m.quantity} ${esc(m.unit)}`,
                esc(r.units.find((u) => u.id === m.resourceId)?.name ?? m.resourceId),
              ]),
            )}</tbody></table>`
          : ''
      }`
    : empty;

  const casualties = `<table>${head([t('time'), t('dead'), t('injured'), t('missing'), t('trapped')])}<tbody>${rows(
    r.casualties.map((c) => [
      time(c.at),
      String(c.dead),
      String(c.injured),
      String(c.missing),
      String(c.trapped),
    ]),
  )}</tbody></table>`;

  const warnings = r.warnings.length
    ? `<table>${head([t('warnings'), '', t('expires')])}<tbody>${rows(
        r.warnings.map((x) => [
          esc(x.headline),
          x.coversIncident ? `<span class="ir-cover">${esc(t('coversIncident'))}</span>` : '',
          time(x.expires),
        ]),
      )}</tbody></table>`
    : empty;

  const hazards = r.hazards.length
    ? `<table>${head([t('hazards'), t('distance'), t('alarms')])}<tbody>${rows(
        r.hazards.map((h) => [
          `${esc(h.name)}<br>${esc(h.enterprise)}`,
          `${h.distanceM} m`,
          h.alarms.length
            ? h.alarms
                .map(
                  (a) =>
                    `${esc(a.sensorId ?? a.id)} ${esc(a.peak)} ${time(a.raisedAt)}${a.clearedAt ? ` – ${time(a.clearedAt)}` : ''}`,
                )
                .join('<br>')
            : esc(t('noAlarms')),
        ]),
      )}</tbody></table>`
    : empty;

  const places = r.places.length
    ? `<table>${head([t('places'), t('field.type'), t('distance')])}<tbody>${rows(
        r.places.map((p) => [esc(p.name), esc(p.type), `${p.distanceM} m`]),
      )}</tbody></table>`
    : empty;

  const notes = r.notes.length
    ? `<table>${head([t('time'), '', '', ''])}<tbody>${rows(
        r.notes.map((n) => [time(n.at), esc(t(`on.${n.on}`)), esc(n.by), esc(n.text)]),
      )}</tbody></table>`
    : empty;

  const maps = r.maps
    .map(
      (m) =>
        `<figure data-map="${m.moment}"><figcaption>${esc(t(`map.${m.moment}`))} · ${time(m.at)}</figcaption>${m.svg}</figure>`,
    )
    .join('');

  return `<article class="ir" lang="${lang}" data-incident="${esc(i.id)}">
<h1>${esc(t('title'))} · ${esc(i.title)}</h1>
<p class="ir-meta">${esc(t('generated'))} ${time(r.generatedAt)} · ${esc(t(r.source === 'archive' ? 'sourceArchive' : 'sourceLive'))}</p>
${section('summary', t('summary'), summary)}
${section('timeline', t('timeline'), timeline)}
${section('intervals', t('intervals'), intervals)}
${section('units', t('units'), units)}
${section('casualties', t('casualties'), casualties)}
${section('warnings', t('warnings'), warnings)}
${section('hazards', t('hazards'), hazards)}
${section('places', t('places'), places)}
${section('notes', t('notes'), notes)}
${section('maps', t('maps'), maps)}
</article>`;
}

/** A whole page for printing (the PDF): the fragment with its styles. */
export function renderReportPage(r: IncidentReport, lang: ReportLang): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(r.incident.title)}</title><style>${REPORT_CSS}</style></head><body>${renderReportHtml(r, lang)}</body></html>`;
}
