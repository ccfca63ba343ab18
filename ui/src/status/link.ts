// The app's account of the link, the queue and contingency: heard by event, re-read every few
// seconds (it also ages the queue), and what a failed call says about the hub.

import { commands, type StatusView } from "../generated/ipc";
import { errorCode, errorMessage } from "../lib/errors";
import { t } from "../lib/i18n";
import { screen } from "../lib/state.svelte";
import { focusPrimary } from "../next/nav";
import { cashMode, hubReachable } from "../offline/offline";

/** The app's new account of the link, the queue and contingency (event or periodic refresh). */
export function statusChanged(st: StatusView): void {
  const before = screen.status;
  screen.status = st;
  screen.statusAt = performance.now();
  // "No connection" stops being true once the hub answers again: the link came back, or it
  // answered after the error (a status read just before the failure must not clear it).
  const err = screen.error;
  if (err?.code === "Offline" && hubReachable(st)) {
    const answered = Date.parse(st.links[0]?.lastSuccessAt ?? "");
    if (!hubReachable(before) || (Number.isFinite(answered) && answered > err.at)) screen.error = null;
  }
  // The pay button changes with the cash mode; if it had the focus, give the focus back.
  if (screen.view === "tender" && !screen.overlay && cashMode(before) !== cashMode(st)) {
    const active = document.activeElement;
    if (active === null || active === document.body || (active instanceof HTMLElement && active.id.startsWith("pay"))) {
      focusPrimary();
    }
  }
}

export async function probeHub(): Promise<void> {
  // The app's own account of the link and the queue; a lookup of the companies otherwise.
  try {
    statusChanged(await commands.status());
    return;
  } catch (e) {
    console.warn("status failed", e);
  }
  try {
    await commands.companies("");
    screen.hub = "ok";
  } catch (e) {
    if (errorCode(e) === "Offline" || errorCode(e) === "Unauthorized") screen.hub = "down";
  }
}

/** A call failed: the app's sentence for the cashier, and what it says about the hub. */
export function failed(e: unknown, refused: string | null = null): void {
  const code = errorCode(e);
  screen.error = { text: errorMessage(e, t().unexpected), code, refused, at: Date.now() };
  if (code === "Offline") screen.hub = "down";
}
