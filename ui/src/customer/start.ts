// Starts the customer's screen (the second window, `index.html#customer`): draws it, follows the
// app's events about the ticket and what the cashier's window tells it, and remembers where the
// window is put. No keyboard handling: this window never has the focus.

import { mount, unmount } from "svelte";
import { commands, events, type AppInfo } from "../generated/ipc";
import { startClock } from "../lib/clock.svelte";
import { t } from "../lib/i18n";
import CustomerScreen from "./CustomerScreen.svelte";
import { onDraft, onNext, onPaid, onTicketChanged, resetCustomer } from "./customer.svelte";
import { hearCashier } from "./link";
import { keepPlace } from "./window";

/** This page is the customer's screen. */
export function isCustomerPage(): boolean {
  return window.location.hash === "#customer";
}

export async function startCustomer(root: HTMLElement, info: AppInfo): Promise<() => void> {
  // The page's early key buffer is for the cashier's scanner: not needed here.
  window.__ventanillaKeys?.takeOver();
  document.title = t().customerWindowTitle;
  resetCustomer(info);
  root.replaceChildren();
  root.classList.add("customer-root");
  const app = mount(CustomerScreen, { target: root });
  root.removeAttribute("aria-busy");
  const unlisten = [
    await events.draftChanged(onDraft),
    await events.ticketChanged(onTicketChanged),
    ...(await hearCashier(onPaid, onNext)),
    ...(await keepPlace().catch((e: unknown) => {
      console.warn("the customer's window will not remember its place", e);
      return [];
    })),
  ];
  void commands.ticket().then(onDraft, (e: unknown) => console.warn("ticket unavailable", e));
  const stopClock = startClock();
  return () => {
    stopClock();
    for (const f of unlisten) f();
    void unmount(app);
  };
}

/** Ventanilla did not start: the customer is only told the counter is not serving. */
export function showCustomerUnavailable(root: HTMLElement): void {
  root.removeAttribute("aria-busy");
  root.replaceChildren();
  const p = document.createElement("p");
  p.className = "loading";
  p.textContent = t().customerUnavailable;
  root.appendChild(p);
}
