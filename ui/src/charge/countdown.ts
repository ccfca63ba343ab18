// The wait for a card or wallet charge as the screen shows it: the seconds to the app's
// deadline and the seconds since the screen first saw the charge waiting. Time only, for the
// eye: the app decides when the charge gives up.

import type { TenderView } from "../generated/ipc";

/** When this screen first saw each waiting charge, by its deadline (one waits at a time). */
let seen: { deadline: string; at: number } | null = null;

/** Whole seconds from `now` (ms since the epoch) to the charge's deadline; the app's own count
 * when the deadline cannot be read. */
export function secondsLeft(charge: TenderView, now: number): number {
  const deadline = Date.parse(charge.deadline ?? "");
  if (!Number.isFinite(deadline)) return Math.max(0, charge.secondsLeft ?? 0);
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** Whole seconds the charge has been waiting, as this screen has seen it. */
export function waitedSecs(charge: TenderView, now: number): number {
  const key = charge.deadline ?? "";
  if (seen?.deadline !== key) seen = { deadline: key, at: now };
  return Math.max(0, Math.floor((now - seen.at) / 1000));
}
