// Contract end with the current supplier (afl. contr.): a price proposal is due about two months
// before the end (DOMAIN.md, "nw. contract"). The window length is a company setting in days.
import { addDays, daysBetween, type IsoDate } from "./calendar.js";

export const DEFAULT_PROPOSAL_WINDOW_DAYS = 60;

/** The first and last contract end dates that make `today` the time to propose (both included). */
export function proposalWindow(today: IsoDate, windowDays: number): { from: IsoDate; to: IsoDate } {
  return { from: today, to: addDays(today, windowDays) };
}

/**
 * Time to propose: the contract ends today or within `windowDays` days. A contract that already
 * ended is no longer a proposal moment (the relation signed elsewhere or runs without contract).
 */
export function isTimeToPropose(contractEnd: IsoDate, today: IsoDate, windowDays: number): boolean {
  const left = daysBetween(today, contractEnd);
  return left >= 0 && left <= windowDays;
}

/** The date from which a proposal is due for a contract ending on `contractEnd`. */
export function proposeFrom(contractEnd: IsoDate, windowDays: number): IsoDate {
  return addDays(contractEnd, -windowDays);
}
