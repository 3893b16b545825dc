import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { SignOutButton } from '../auth/SignIn';
import { onDutyRoster } from '../duty/roster';
import { ConnectionBadge } from '../panels/ConnectionBadge';
import { useAppStore } from '../store/use-app-store';
import { WallClock } from './WallClock';

/** Title, the duty roster (值班), the connection and the clock in China Standard Time. */
export function WallHeader(): ReactElement {
  const { t } = useTranslation();
  // The duty log's latest handover names who is on duty; wall.yaml's roster until there is one.
  const duties = useAppStore((s) => s.duties);
  const configured = useAppStore((s) => s.wall?.config.roster);
  const roster = onDutyRoster(duties, configured);
  return (
    <header className="wall-header">
      <h1 className="wall-header__title">{t('app.title')}</h1>
      <div className="wall-roster" data-testid="roster">
        <span className="wall-roster__label">{t('wall.roster')}</span>
        {roster === undefined ? (
          <span className="wall-roster__empty">…</span>
        ) : roster.length === 0 ? (
          <span className="wall-roster__empty">{t('wall.rosterEmpty')}</span>
        ) : (
          roster.map((r, i) => (
            <span className="wall-roster__entry" key={`${r.duty}-${i}`} data-testid="roster-entry">
              {/* The usual posts are translated; any other stays as the roster names it. */}
              <span className="wall-roster__duty">
                {t(`wall.duty.${r.duty}`, { defaultValue: r.duty })}
              </span>
              <span className="wall-roster__name">{r.name}</span>
              {r.phone && <span className="wall-roster__phone">{r.phone}</span>}
            </span>
          ))
        )}
      </div>
      <ConnectionBadge />
      <WallClock />
      <SignOutButton />
    </header>
  );
}
