import { useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { IncidentType, ResourceType } from '@cc/shared';
import { LEGEND_LAYER_KEYS, type LegendLayer } from './legend-layers';
import './legend.css';

export interface LegendProps {
  /** The layers hidden now; absent: the legend explains only (the read-only wall). */
  hidden?: ReadonlySet<LegendLayer>;
  onChange?: (hidden: ReadonlySet<LegendLayer>) => void;
  /** Open from the start (the wall, when asked for its legend), else behind a button. */
  open?: boolean;
}

/** What each layer looks like on the map, next to its toggle. */
const SWATCH: Record<LegendLayer, string> = {
  incidents: 'legend__swatch--diamond',
  resources: 'legend__swatch--square',
  hazards: 'legend__swatch--ring',
  places: 'legend__swatch--dot',
  shelters: 'legend__swatch--shelter',
  riskAreas: 'legend__swatch--filled',
  warningAreas: 'legend__swatch--dashed',
  zones: 'legend__swatch--zone',
  cameras: 'legend__swatch--camera',
};

/**
 * The map's legend: the symbols (the glyph inside an incident's diamond or a unit's square, the
 * rings, a shelter's house, the dashed and filled areas) and, where the viewer may change the
 * map, a switch per layer that really takes it off the map.
 */
export function Legend({ hidden, onChange, open: openAtStart = false }: LegendProps): ReactElement {
  const { t } = useTranslation();
  const [open, setOpen] = useState(openAtStart);
  const toggles = hidden !== undefined && onChange !== undefined;
  if (!open)
    return (
      <button
        type="button"
        className="legend-button"
        data-testid="legend-button"
        onClick={() => setOpen(true)}
      >
        {t('legend.button')}
      </button>
    );
  const toggle = (key: LegendLayer) => {
    if (!hidden || !onChange) return;
    const next = new Set(hidden);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    onChange(next);
  };
  return (
    <div className="legend" data-testid="legend" role="dialog" aria-label={t('legend.title')}>
      <div className="legend__head">
        <h2 className="legend__title">{t('legend.title')}</h2>
        {!openAtStart && (
          <button type="button" className="legend__close" onClick={() => setOpen(false)}>
            {t('legend.close')}
          </button>
        )}
      </div>
      <ul className="legend__layers">
        {LEGEND_LAYER_KEYS.map((key) => (
          <li key={key} className="legend__layer">
            <span className={`legend__swatch ${SWATCH[key]}`} aria-hidden="true" />
            {toggles ? (
              <label>
                <input
                  type="checkbox"
                  data-testid="legend-toggle"
                  data-layer={key}
                  checked={!hidden.has(key)}
                  onChange={() => toggle(key)}
                />{' '}
                {t(`legend.layer.${key}`)}
              </label>
            ) : (
              <span>{t(`legend.layer.${key}`)}</span>
            )}
            <span className="legend__note">{t(`legend.note.${key}`)}</span>
          </li>
        ))}
      </ul>
      <h3 className="legend__sub">{t('legend.incidentGlyphs')}</h3>
      <ul className="legend__glyphs">
        {IncidentType.options.map((type) => (
          <li key={type}>
            <span className="legend__glyph legend__glyph--incident">
              {t(`glyph.incident.${type}`)}
            </span>
            {t(`incidentType.${type}`)}
          </li>
        ))}
      </ul>
      <h3 className="legend__sub">{t('legend.resourceGlyphs')}</h3>
      <ul className="legend__glyphs">
        {ResourceType.options.map((type) => (
          <li key={type}>
            <span className="legend__glyph">{t(`glyph.resource.${type}`)}</span>
            {t(`resourceType.${type}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
