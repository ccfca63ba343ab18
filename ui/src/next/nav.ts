// Where the cashier goes next: the element that takes the keyboard focus on each screen, the
// help overlay, and the way back from an overlay or to the ticket (F4, F5).

import { focusSoon } from "../lib/focus";
import { screen } from "../lib/state.svelte";
import { refundDue } from "../ticket/refund";
import { hasCharges, waitingCharge } from "./charges";

/** The element the cashier works with on what is on screen now, or null when there is none. */
export function primaryId(): { id: string; caretAtEnd?: boolean; select?: boolean } | null {
  if (screen.cancelling !== null) return { id: "tax-cancel-no" };
  if (screen.overlay === "help") return { id: "help-close" };
  if (screen.overlay === "history") return { id: `hist-${screen.history?.index ?? 0}` };
  if (screen.overlay === "supervisor") return { id: "cont-enabled" };
  switch (screen.view) {
    case "scan":
      return { id: "barcode", caretAtEnd: true };
    case "tender":
      // While a charge waits the focus rests on the wait itself: a reflex Enter cancels nothing.
      if (screen.ticket.items.length === 0) return null;
      if (waitingCharge(screen.ticket)) return { id: "charge-wait" };
      if (screen.tender === "card") return { id: "card-amount", select: true };
      if (screen.tender === "wallet") return { id: "wallet-amount", select: true };
      return { id: "received", caretAtEnd: true };
    case "pick":
      return { id: `bill-${screen.billIndex}` };
    case "sale":
      return { id: refundDue(screen.paid) !== null ? "confirm-refund" : "next-customer" };
    case "chooser":
      return { id: `choice-${screen.chooser?.index ?? 0}` };
    case "search": {
      const s = screen.search;
      if (!s?.company) return { id: "search-filter", select: true };
      if (!s.mode) return { id: `mode-${s.company.billModes[0]?.id ?? ""}` };
      return { id: "param-0", caretAtEnd: true };
    }
    case "tax":
      return screen.tax?.debts?.debts.length ? { id: `tax-debt-${screen.tax.index}` } : { id: "tax-doc", caretAtEnd: true };
    case "searching":
      return null;
  }
}

/** Focuses what the cashier works with next, once it is on screen. */
export function focusPrimary(): void {
  const p = primaryId();
  if (p) void focusSoon(p.id, p);
}

export function closeOverlay(): void {
  screen.overlay = null;
  focusPrimary();
}

export function toggleHelp(): void {
  screen.overlay = screen.overlay === "help" ? null : "help";
  focusPrimary();
}

/** F4 (the ticket: the amount to charge) and F5 (cash: the cash received). While a charge waits
 * for the customer, the wait keeps the focus (the ticket cannot change, cash cannot be taken). */
export function goTicket(cash: boolean): void {
  screen.overlay = null;
  if (screen.view === "search" || screen.view === "chooser" || screen.view === "scan" || screen.view === "pick" || screen.view === "tax") {
    screen.view = screen.ticket.items.length ? "tender" : "scan";
  }
  if (cash && screen.view === "tender") screen.tender = "cash";
  if (screen.view === "tender" && !waitingCharge(screen.ticket)) {
    // F4: the first open amount of the ticket, to change it; F5 (or no open amount): the tender.
    const open = hasCharges(screen.ticket) ? undefined : screen.ticket.items.find((i) => i.bill?.openAmount);
    if (!cash && open) {
      void focusSoon(`amount-${open.position}`, { caretAtEnd: true });
      return;
    }
  }
  focusPrimary();
}
