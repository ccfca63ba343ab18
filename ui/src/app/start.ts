// Starts the main screen: draws it, wires the keyboard (scans first, then keys), listens to the
// app's events, reopens the customer's screen if it was open, and keeps the link, the queue and
// the payments in progress fresh. Returns the
// way to stop all of it (the tests use it; the window just closes).

import { mount, unmount } from "svelte";
import { commands, events, type AppInfo } from "../generated/ipc";
import { refreshInflight, saleChanged } from "../inflight/track";
import { clearToasts } from "../inflight/toasts";
import { startClock } from "../lib/clock.svelte";
import { installKeyboard } from "../lib/keyboard";
import { screen } from "../lib/state.svelte";
import { focusPrimary } from "../next/nav";
import { deskTicketChanged, draftChanged } from "../next/tender";
import { probeHub, statusChanged } from "../status/link";
import { refreshRefunds, setTicket } from "../ticket/ticket";
import { restoreCustomer } from "../customer/window";
import App from "./App.svelte";
import { onKey, onScanned, onStrayText } from "./keys";

/** The payments in progress are re-read this often, in case an event was missed. */
const INFLIGHT_MS = 5000;
/** The link and the queue are re-read this often (the event tells changes at once; this ages). */
const STATUS_MS = 2000;

export async function start(root: HTMLElement, info: AppInfo): Promise<() => void> {
  screen.reset(info);
  root.replaceChildren();
  const app = mount(App, { target: root });
  root.removeAttribute("aria-busy");

  window.addEventListener("keydown", onKey);
  const stopKeyboard = installKeyboard(info.scanGapMs, { onScan: onScanned, onStrayText });
  focusPrimary();

  const unlisten = [
    await events.saleChanged(saleChanged),
    await events.statusChanged(statusChanged),
    await events.ticketChanged(deskTicketChanged),
    await events.draftChanged(draftChanged),
  ];
  // The customer's screen comes back if it was open when the counter was last closed.
  const stopCustomer = await restoreCustomer().catch((e: unknown) => {
    console.warn("the customer's screen is not followed", e);
    return null;
  });
  if (stopCustomer) unlisten.push(stopCustomer);
  void refreshInflight();
  void refreshRefunds();
  void probeHub();
  // The ticket being built lives in the app: a reloaded page finds it where it was.
  void commands.ticket().then(setTicket, (e: unknown) => console.warn("ticket unavailable", e));
  const stopClock = startClock();
  const timers = [
    window.setInterval(() => void refreshInflight(), INFLIGHT_MS),
    window.setInterval(() => void refreshRefunds(), INFLIGHT_MS),
    window.setInterval(() => void probeHub(), STATUS_MS),
  ];

  return () => {
    for (const id of timers) window.clearInterval(id);
    stopClock();
    for (const f of unlisten) f();
    stopKeyboard();
    window.removeEventListener("keydown", onKey);
    clearToasts();
    void unmount(app);
  };
}
