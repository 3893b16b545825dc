import { useEffect, useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '@cc/shared';
import { SignIn } from '../auth/SignIn';
import { useAppStore, useAppStoreApi } from '../store/use-app-store';
import { AlarmPanel } from './AlarmCards';
import { CommandMap } from './CommandMap';
import { CommandToasts } from './CommandToasts';
import { createCommandLog } from './command-log';
import { TabletContextValue, type TabletContext } from './context';
import { DialogHost } from './DialogHost';
import { DisasterPanel } from './DisasterPanel';
import { HazardPanel } from './HazardPanel';
import { currentSession } from './identity';
import { IncidentDetail } from './IncidentDetail';
import { IncidentList } from './IncidentList';
import { LinkBanner } from './LinkBanner';
import { tabletLink } from './link';
import { TabletHeader } from './TabletHeader';
import { goBack, openHazard, tabletUi, useTabletUi } from './ui-store';
import { useSupportLoader } from './use-support';
import { ReplayScope, useReplaying } from '../replay/ReplayScope';
import './command.css';

function SidePanel(): ReactElement {
  const panel = useTabletUi((s) => s.panel);
  useSupportLoader();
  switch (panel.kind) {
    case 'list':
      return <IncidentList />;
    case 'incident':
      return <IncidentDetail incidentId={panel.incidentId} tab={panel.tab} />;
    case 'alarms':
      return <AlarmPanel />;
    case 'hazard':
      return <HazardPanel hazardId={panel.hazardId} />;
    case 'disasters':
      return <DisasterPanel />;
  }
}

/** A hazard tapped on the map (the app store's selection) and the hazard panel follow each other. */
function useHazardSelectionSync(): void {
  const store = useAppStoreApi();
  useEffect(() => {
    const offApp = store.subscribe((s, prev) => {
      if (s.selectedHazardId === prev.selectedHazardId) return;
      const { panel } = tabletUi.getState();
      if (s.selectedHazardId !== null) {
        if (panel.kind !== 'hazard' || panel.hazardId !== s.selectedHazardId)
          openHazard(tabletUi, s.selectedHazardId);
      } else if (panel.kind === 'hazard') goBack(tabletUi);
    });
    const offUi = tabletUi.subscribe((s, prev) => {
      if (s.panel === prev.panel) return;
      const want = s.panel.kind === 'hazard' ? s.panel.hazardId : null;
      if (store.getState().selectedHazardId !== want) store.getState().selectHazard(want);
    });
    return () => {
      offApp();
      offUi();
    };
  }, [store]);
}

/**
 * The commander's tablet (`/command`): incidents beside the map; an incident's summary,
 * decision support, units and timeline; dispatch and recall, reporting and editing incidents,
 * alarm handling. Commands show pending until the server confirms them. Viewers see the same
 * picture without any command control.
 */
export function CommandApp(): ReactElement {
  // In replay the tablet reads the replayed picture and sends no command (client/src/replay).
  return (
    <ReplayScope>
      <CommandScreen />
    </ReplayScope>
  );
}

function CommandScreen(): ReactElement {
  const replaying = useReplaying();
  const session = useAppStore((s) => s.auth.session);
  const signIn = useAppStore((s) => s.auth.signIn);
  // Read again whenever someone signs in or out.
  const tablet = useMemo(
    () => (signIn === null ? currentSession(window.localStorage, Date.now()) : undefined),
    [session, signIn],
  );
  const [log] = useState(() => createCommandLog((c) => tabletLink.send(c)));
  useHazardSelectionSync();

  // Commands cut off by a dropped link go out again, with their ids, once it is back.
  useEffect(
    () =>
      tabletLink.onConnect(() => {
        for (const id of log.lostToTheLink()) void log.retry(id);
      }),
    [log],
  );
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.documentElement.classList.add('tablet-root');
    return () => document.documentElement.classList.remove('tablet-root');
  }, []);
  useEffect(() => {
    document.title = `${t('command.title')} · ${t('app.title')}`;
  }, [t, i18n.language]);

  const identity = tablet?.identity;
  // Another person on the same tablet starts clean: no one else's picks, dialogs or outcomes.
  const sub = identity?.sub;
  useEffect(() => {
    log.clearSettled();
    tabletUi.setState({ dialog: null, picked: new Set(), pickedFor: null });
  }, [log, sub]);
  const context = useMemo<TabletContext>(
    () => ({
      link: tabletLink,
      log,
      identity,
      canCommand: can(identity, 'command') && !replaying,
      canVerify: can(identity, 'disaster:verify') && !replaying,
    }),
    [log, identity, replaying],
  );
  return (
    <TabletContextValue.Provider value={context}>
      <div
        className="tablet"
        data-testid="tablet"
        data-role={identity?.role ?? ''}
        data-can-command={context.canCommand ? '1' : '0'}
        data-can-verify={context.canVerify ? '1' : '0'}
      >
        <TabletHeader shiftEndsAt={tablet?.expiresAt} />
        <aside className="tablet__panel">
          <SidePanel />
        </aside>
        <main className="tablet__map">
          <CommandMap />
          <LinkBanner />
          <CommandToasts />
        </main>
        <DialogHost />
        <SignIn />
      </div>
    </TabletContextValue.Provider>
  );
}
