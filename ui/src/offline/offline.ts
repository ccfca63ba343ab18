// What the screen shows about the link, the queue and sales taken offline, as pure functions of
// what the app returned (no DOM, no state): easy to test, and the screen never guesses.

import type { SaleView, StatusView } from "../generated/ipc";

/** How the cash panel offers the payment. */
export type CashMode =
  /** The hub answers (or is slow): the normal cash payment. */
  | "online"
  /** The hub is unreachable and a supervisor enabled contingency: provisional receipts. */
  | "offline-contingency"
  /** The hub is unreachable and contingency is off: say so plainly. */
  | "offline-disabled";

export function cashMode(st: StatusView | null): CashMode {
  if (!st) return "online";
  if (st.contingency.available) return "offline-contingency";
  if (st.links[0]?.state === "offline") return "offline-disabled";
  return "online";
}

/** The hub's link is known to be down (sales wait for it). */
export function hubOffline(st: StatusView | null): boolean {
  return st?.links[0]?.state === "offline";
}

/** A sale taken offline: still provisional, or already settled by the hub. */
export type Badge = "provisional" | "taken-offline";

export function saleBadge(sale: SaleView): Badge | null {
  if (!sale.provisional) return null;
  return sale.isFinal ? "taken-offline" : "provisional";
}

/** A rejection for the screen: the cashier's sentence (big) and the hub's own words (small). */
export function reasonText(sale: Pick<SaleView, "reason" | "hubReason">): { plain: string; detail: string } {
  const plain = (sale.reason ?? "").trim();
  const detail = (sale.hubReason ?? "").trim();
  return { plain: plain || detail, detail: plain ? detail : "" };
}

/** The contingency window as typed by the supervisor: a whole number of hours, else null. */
export function parseHours(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,4}$/.test(t)) return null;
  return Number(t);
}

/** A cap as the app gave it (`50000.00`), shown in the field without a zero fraction. */
export function capText(amount: string): string {
  return amount.replace(/[.,]0+$/, "");
}

/** Seconds the oldest queued operation has waited, `elapsed` seconds after the status came. */
export function oldestQueued(st: StatusView, elapsed: number): number | null {
  if (st.queueDepth === 0 || st.oldestQueuedSecs === null) return null;
  return Number(st.oldestQueuedSecs) + Math.max(0, elapsed);
}

/** The hub answers again (online or slow): what an earlier "no connection" error said is over. */
export function hubReachable(st: StatusView | null): boolean {
  const s = st?.links[0]?.state;
  return s === "online" || s === "degraded";
}

/** The hub's receipt, or the provisional one of a sale taken offline and not settled yet. */
export function hasReceipt(sale: Pick<SaleView, "receipt">): boolean {
  return sale.receipt === "ready" || sale.receipt === "provisional";
}
