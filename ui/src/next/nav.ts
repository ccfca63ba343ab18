// Where the cashier goes next: the element that takes the keyboard focus on each screen, the
// help overlay, and the way back from an overlay or to the ticket (F4, F5).

import { focusSoon } from "../lib/focus";
import { screen } from "../lib/state.svelte";
import { refundDue } from "../ticket/refund";

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
      return screen.ticket.items.length > 0 ? { id: "received", caretAtEnd: true } : null;
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

/** F4 (the ticket: the amount to charge) and F5 (cash: the cash received). */
export function goTicket(cash: boolean): void {
  screen.overlay = null;
  if (screen.view === "search" || screen.view === "chooser" || screen.view === "scan" || screen.view === "pick" || screen.view === "tax") {
    screen.view = screen.ticket.items.length ? "tender" : "scan";
  }
  if (screen.view === "tender") {
    // F4: the first open amount of the ticket, to change it; F5 (or no open amount): the cash.
    const open = screen.ticket.items.find((i) => i.bill?.openAmount);
    void focusSoon(!cash && open ? `amount-${open.position}` : "received", { caretAtEnd: true });
    return;
  }
  focusPrimary();
}
