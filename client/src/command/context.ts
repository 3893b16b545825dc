import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Identity } from '@cc/shared';
import type { CommandLog, CommandLogState } from './command-log';
import type { TabletLink } from './link';

/** What the tablet's components share: the link, the command log and who is signed in. */
export interface TabletContext {
  link: TabletLink;
  log: CommandLog;
  identity: Identity | undefined;
  /** The role may give commands: the controls are shown (the server still checks each one). */
  canCommand: boolean;
  /** The role may verify disaster reports (核灾): commanders, supervisors, admins. */
  canVerify: boolean;
}

export const TabletContextValue = createContext<TabletContext | null>(null);

export function useTablet(): TabletContext {
  const value = useContext(TabletContextValue);
  if (!value) throw new Error('useTablet: no TabletContextValue provider');
  return value;
}

/** A narrow slice of the command log; re-renders only when it changes. */
export function useCommandLog<U>(selector: (state: CommandLogState) => U): U {
  return useStore(useTablet().log.store, selector);
}
