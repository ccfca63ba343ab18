// A tax order's countdown as the screen shows it: the app's seconds left when it last read the
// order, run on by the screen's clock, so it ticks without asking the app every second.

import type { TimedOrder } from "../lib/state.svelte";

/** The platform warns in the last 15 minutes: take the money now or lose the order. */
export const WARN_SECS = 15 * 60;

export type Countdown =
  | { kind: "open"; left: number }
  | { kind: "expiring"; left: number }
  | { kind: "expired" }
  /** Reported, settled or cancelled: no clock runs any more. */
  | { kind: "closed" };

export function countdown(t: TimedOrder, now: number): Countdown {
  if (t.order.phase === "expired") return { kind: "expired" };
  if (t.order.phase !== "open") return { kind: "closed" };
  const left = Math.floor(t.order.secondsLeft - Math.max(0, now - t.at) / 1000);
  if (left <= 0) return { kind: "expired" };
  return left <= WARN_SECS || t.order.expiring ? { kind: "expiring", left } : { kind: "open", left };
}

/** Whether any of these orders can no longer be paid. */
export function anyExpired(orders: Iterable<TimedOrder>, now: number): boolean {
  for (const o of orders) if (countdown(o, now).kind === "expired") return true;
  return false;
}
