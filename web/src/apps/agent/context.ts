import { createContext, useContext } from 'react';
import type { AgentProfile, Cached } from './data';
import type { AgencyItemList } from './types';

export interface AgentContextValue {
  profile: AgentProfile;
  /** The session could not be checked (offline): the app runs on what the phone keeps. */
  offlineSession: boolean;
  /** The village's 代办事项清单 (cached for offline registration). */
  items: Cached<AgencyItemList>;
}

export const AgentContext = createContext<AgentContextValue | null>(null);

export function useAgent(): AgentContextValue {
  const v = useContext(AgentContext);
  if (!v) throw new Error('useAgent outside the agent app');
  return v;
}
