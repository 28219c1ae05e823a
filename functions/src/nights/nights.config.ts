import { CREW_VETO_DAYS, NIGHT_REMINDER_LEAD_MINUTES } from "../config/params";

/** Crews' and scheduled nights' settings (DepsOptions.nights; tests pass their own). */
export interface NightsConfig {
  /** Days a film a whole crew night swiped away stays out of the crew's decks. */
  vetoDays: number;
  /** How long before a scheduled night everyone is reminded. */
  reminderLeadMs: number;
}

export const DEFAULT_NIGHTS_CONFIG: NightsConfig = { vetoDays: 30, reminderLeadMs: 60 * 60 * 1000 };

/** Reads the params; call it at run time. Outside the Functions runtime params are empty: the defaults. */
export function loadNightsConfig(): NightsConfig {
  const days = CREW_VETO_DAYS.value();
  const minutes = NIGHT_REMINDER_LEAD_MINUTES.value();
  return {
    vetoDays: days > 0 ? days : DEFAULT_NIGHTS_CONFIG.vetoDays,
    reminderLeadMs: minutes > 0 ? minutes * 60_000 : DEFAULT_NIGHTS_CONFIG.reminderLeadMs,
  };
}
