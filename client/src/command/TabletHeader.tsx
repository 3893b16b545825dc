import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { clearSession } from '../auth/session';
import { useFormatters } from '../i18n/format';
import { LANGUAGES, type Language } from '../i18n/setup';
import { ConnectionBadge } from '../panels/ConnectionBadge';
import { useAppStore, useAppStoreApi } from '../store/use-app-store';
import { useTablet } from './context';
import { pendingDisasterReports } from './disaster-reports';
import { tabletUi, useTabletUi } from './ui-store';

/** Switches the page's language and keeps it in the address, so a reload keeps it too. */
function switchLanguage(i18n: { changeLanguage(lng: string): unknown }, lng: Language): void {
  void i18n.changeLanguage(lng);
  document.documentElement.lang = lng;
  const url = new URL(window.location.href);
  url.searchParams.set('lang', lng);
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

/** Title, connection, the alarm count (opens the alarm list), language, who is signed in, sign-out. */
export function TabletHeader({ shiftEndsAt }: { shiftEndsAt: number | undefined }): ReactElement {
  const { t, i18n } = useTranslation();
  const fmt = useFormatters();
  const store = useAppStoreApi();
  const { identity } = useTablet();
  const session = useAppStore((s) => s.auth.session);
  const alarmCount = useAppStore((s) => s.alarms.size);
  const alarmsOpen = useTabletUi((s) => s.panel.kind === 'alarms');
  const disasterCount = useAppStore((s) => pendingDisasterReports(s.disasterreports).length);
  const disastersOpen = useTabletUi((s) => s.panel.kind === 'disasters');
  const other = LANGUAGES.find((l) => l !== i18n.language) ?? LANGUAGES[0];

  return (
    <header className="tablet-header">
      <h1 className="tablet-header__title">{t('command.title')}</h1>
      <ConnectionBadge />
      <button
        type="button"
        className={`tablet-btn tablet-header__alarms${alarmCount > 0 ? ' tablet-header__alarms--on' : ''}${alarmsOpen ? ' is-active' : ''}`}
        data-testid="open-alarms"
        data-count={alarmCount}
        aria-pressed={alarmsOpen}
        onClick={() =>
          tabletUi.setState((s) =>
            s.panel.kind === 'alarms'
              ? { panel: { kind: 'list' } }
              : { panel: { kind: 'alarms' }, back: { kind: 'list' } },
          )
        }
      >
        {t('command.alarms.open')}
        <span className="tablet-count">{alarmCount}</span>
      </button>
      <button
        type="button"
        className={`tablet-btn tablet-header__disasters${disasterCount > 0 ? ' tablet-header__disasters--on' : ''}${disastersOpen ? ' is-active' : ''}`}
        data-testid="open-disasters"
        data-count={disasterCount}
        aria-pressed={disastersOpen}
        onClick={() =>
          tabletUi.setState((s) =>
            s.panel.kind === 'disasters'
              ? { panel: { kind: 'list' } }
              : { panel: { kind: 'disasters' }, back: { kind: 'list' } },
          )
        }
      >
        {t('command.disaster.open')}
        <span className="tablet-count">{disasterCount}</span>
      </button>
      <span className="tablet-header__spacer" />
      {identity && (
        <span className="tablet-header__who" data-testid="signed-in-as">
          <span>{identity.name ?? identity.sub}</span>
          <span className="tablet-header__role">{t(`command.role.${identity.role}`)}</span>
          {shiftEndsAt !== undefined && (
            <span className="tablet-header__shift">
              {t('command.shiftUntil', { time: fmt.time(shiftEndsAt) })}
            </span>
          )}
        </span>
      )}
      <button
        type="button"
        className="tablet-btn"
        data-testid="language"
        lang={other}
        onClick={() => switchLanguage(i18n, other)}
      >
        {t(`command.language.${other}`)}
      </button>
      {session !== 'none' && (
        <button
          type="button"
          className="tablet-btn"
          data-testid="sign-out"
          onClick={() => {
            clearSession(window.localStorage);
            store.getState().requireSignIn('required');
          }}
        >
          {t('signIn.signOut')}
        </button>
      )}
    </header>
  );
}
