import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/use-app-store';
import { hiddenHazardCounts } from './hidden-hazard-counts';
import './hidden-hazard-panel.css';

/** 隐患排查治理 on the wall: open items by stage, overdue in red, 重大 under supervision. */
export function HiddenHazardPanel(): ReactElement {
  const { t } = useTranslation();
  const items = useAppStore((s) => s.hiddenhazards);
  const c = useMemo(() => hiddenHazardCounts(items.values()), [items]);
  return (
    <div className="panel hh-panel" data-testid="hh-panel">
      <h2 className="panel__title">
        {t('risk.title')}
        <span className="panel__sub">{t('risk.wall.open', { count: c.open })}</span>
      </h2>
      <div className="hh-panel__stages">
        {c.byStage.map(({ stage, count }) => (
          <span key={stage} className="hh-panel__stage" data-stage={stage} data-count={count}>
            {t(`risk.stage.${stage}`)} <b>{count}</b>
          </span>
        ))}
      </div>
      <div className="hh-panel__flags">
        <span
          className={c.overdue > 0 ? 'hh-panel__overdue' : ''}
          data-testid="hh-overdue"
          data-count={c.overdue}
        >
          {t('risk.overdue')} <b>{c.overdue}</b>
        </span>
        <span data-testid="hh-major-supervised" data-count={c.majorSupervised}>
          {t('risk.wall.majorSupervised', { supervised: c.majorSupervised, major: c.major })}
        </span>
      </div>
    </div>
  );
}
