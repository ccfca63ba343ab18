// The keys of the main screen: F-keys, Esc, Enter (the obvious action), arrows in lists, Tab
// kept inside dialogs. Scans never get here: lib/keyboard.ts takes them first.

import { moveHistory, openHistory, reprintTicketSummary, showHistoryReceipt } from "../history/history";
import { focusSoon } from "../lib/focus";
import { clamp, screen } from "../lib/state.svelte";
import { backToScan, lookupTyped, moveChooser, newCustomer, onScan, pickBill, pickCompanyChoice } from "../next/lookup";
import { closeOverlay, focusPrimary, goTicket, toggleHelp } from "../next/nav";
import { moveSearchCompany, moveSearchMode, openSearch, pickHighlightedCompany, searchBack, submitSearch } from "../next/search";
import { useHint } from "../next/hints";
import { charge, scheduleQuote } from "../next/tender";
import { waitingCharge } from "../next/charges";
import { cancelCard, cardBack, goCard, payCard } from "../card/card";
import { toggleCustomer } from "../customer/window";
import { cancelWallet, goWallet, payWallet, walletBack } from "../wallet/wallet";
import { refundDue } from "../ticket/refund";
import { supervisorBack, supervisorEnter, supervisorMove, toggleSupervisor } from "../supervisor/supervisor";
import { applyTicked, keepCancel, lookupDebts, moveDebt, openTax, taxBack, toggleDebt } from "../tax/tax";

export function onKey(e: KeyboardEvent): void {
  const target = e.target as HTMLElement | null;
  const inField = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
  // Alt+1..4: the cash-received shortcuts (exact, then round sums).
  // The question before a tax order is cancelled: its own buttons, Tab between them, Esc keeps it.
  if (screen.cancelling !== null) {
    if (e.key === "Escape") {
      e.preventDefault();
      keepCancel();
    } else if (e.key === "Tab") {
      if (trapTab(e.shiftKey ? -1 : 1)) e.preventDefault();
    } else if (e.key !== "Enter" && e.key !== " ") {
      e.preventDefault();
    }
    return;
  }
  if (e.altKey && /^[1-4]$/.test(e.key) && !screen.overlay) {
    if (useHint(Number(e.key) - 1)) e.preventDefault();
    return;
  }
  switch (e.key) {
    case "F1":
      e.preventDefault();
      toggleHelp();
      return;
    case "F2":
      e.preventDefault();
      openSearch();
      return;
    case "F4":
      e.preventDefault();
      goTicket(false);
      return;
    case "F5":
      e.preventDefault();
      goTicket(true);
      return;
    case "F8":
      e.preventDefault();
      void openHistory();
      return;
    case "F9":
      e.preventDefault();
      toggleSupervisor();
      return;
    case "Tab":
      if (screen.overlay && trapTab(e.shiftKey ? -1 : 1)) e.preventDefault();
      return;
    case "F3":
      e.preventDefault();
      openTax();
      return;
    case "F6":
      e.preventDefault();
      goCard();
      return;
    case "F7":
      e.preventDefault();
      goWallet();
      return;
    case "F11":
      // The customer's screen; the focus stays here (it never takes it).
      e.preventDefault();
      void toggleCustomer();
      return;
    case "F10":
    case "F12":
      e.preventDefault();
      return;
    case "Escape":
      e.preventDefault();
      back();
      return;
    case "ArrowDown":
    case "ArrowUp":
      if (moveSelection(e.key === "ArrowDown" ? 1 : -1)) e.preventDefault();
      return;
    case "Enter":
      if (target instanceof HTMLButtonElement) return; // the button's own click
      if (confirm(inField ? target : null)) e.preventDefault();
      return;
  }
}

/** Arrow keys in whatever list is on screen. */
export function moveSelection(d: number): boolean {
  if (screen.overlay === "supervisor") return supervisorMove(d);
  if (screen.overlay === "history") return moveHistory(d);
  if (screen.overlay) return false;
  if (screen.view === "chooser") return moveChooser(d);
  if (screen.view === "search") return moveSearchCompany(d) || moveSearchMode(d);
  if (screen.view === "tax") return moveDebt(d);
  if (screen.view === "pick" && screen.bills.length > 1) {
    screen.billIndex = clamp(screen.billIndex + d, 0, screen.bills.length - 1);
    void focusSoon(`bill-${screen.billIndex}`);
    return true;
  }
  return false;
}

/** Enter: the obvious action of what is on screen. True when it did something. */
export function confirm(field: HTMLElement | null): boolean {
  if (screen.overlay === "help") {
    closeOverlay();
    return true;
  }
  if (screen.overlay === "history") {
    void showHistoryReceipt(false);
    return true;
  }
  if (screen.overlay === "supervisor") return supervisorEnter(field);
  switch (screen.view) {
    case "scan":
      lookupTyped();
      return true;
    case "pick":
      void pickBill(screen.billIndex);
      return true;
    case "tender":
      // While the customer is at the terminal there is nothing to confirm: Esc cancels.
      if (waitingCharge(screen.ticket)) return true;
      if (screen.tender === "card") void payCard();
      else if (screen.tender === "wallet") void payWallet();
      else void charge();
      return true;
    case "sale":
      // A refund to hand back is confirmed on its own button, never by a reflex Enter.
      if (refundDue(screen.paid) !== null) return true;
      if (screen.current?.sale.isFinal || screen.current === null || !field) newCustomer();
      return true;
    case "chooser":
      void pickCompanyChoice(screen.chooser?.index ?? 0);
      return true;
    case "tax":
      if (field?.id === "tax-doc" || !screen.tax?.debts?.debts.length) void lookupDebts();
      else void applyTicked();
      return true;
    case "search":
      if (!screen.search) return false;
      if (!screen.search.company) pickHighlightedCompany();
      else if (screen.search.mode) void submitSearch();
      return true;
    default:
      return false;
  }
}

export function back(): void {
  if (screen.overlay === "supervisor" && supervisorBack()) return;
  if (screen.overlay) {
    closeOverlay();
    return;
  }
  switch (screen.view) {
    case "search":
      searchBack();
      return;
    case "tax":
      taxBack();
      return;
    case "chooser":
      screen.chooser = null;
      screen.view = "scan";
      break;
    case "tender":
      // Waiting for the card or the wallet: Esc stops waiting. On the card or wallet amount:
      // back to choosing the tender.
      if (waitingCharge(screen.ticket)?.kind === "card") {
        void cancelCard();
        return;
      }
      if (waitingCharge(screen.ticket)?.kind === "wallet") {
        void cancelWallet();
        return;
      }
      if (screen.tender === "card") {
        cardBack();
        return;
      }
      if (screen.tender === "wallet") {
        walletBack();
        return;
      }
      // The ticket stays: Esc goes back to scanning, it never throws the customer's bills away.
      backToScan();
      return;
    case "pick":
      backToScan();
      return;
    case "sale":
      newCustomer();
      return;
    case "scan":
      screen.barcode = "";
      screen.error = null;
      screen.refused = null;
      break;
    default:
      break;
  }
  focusPrimary();
}

/** Tab stays inside an open dialog (its fields and buttons, in order, wrapping around). */
function trapTab(d: number): boolean {
  const dialog = document.querySelector(".overlay .dialog");
  if (!dialog) return false;
  const all = Array.from(dialog.querySelectorAll<HTMLElement>("button, input, select, textarea, [tabindex]")).filter(
    (n) => !(n as HTMLButtonElement).disabled && n.tabIndex >= 0 && n.offsetParent !== null,
  );
  if (all.length === 0) return false;
  const i = all.indexOf(document.activeElement as HTMLElement);
  const next = all[i < 0 ? (d > 0 ? 0 : all.length - 1) : (i + d + all.length) % all.length];
  next?.focus();
  next?.scrollIntoView?.({ block: "nearest" });
  return true;
}

/** Text typed while no field had the focus. */
export function onStrayText(text: string): void {
  if (screen.overlay === "history" && text.toLowerCase() === "c") {
    void showHistoryReceipt(true);
    return;
  }
  if (screen.overlay === "history" && text.toLowerCase() === "t") {
    void reprintTicketSummary();
    return;
  }
  if (screen.overlay || screen.cancelling !== null) return;
  if (screen.view === "tax" && screen.tax) {
    // Space ticks the debt in focus; anything else typed outside the field goes into it.
    if (text === " " && document.activeElement?.id.startsWith("tax-debt-")) {
      toggleDebt(screen.tax.index);
      return;
    }
    screen.tax.docText += text;
    void focusSoon("tax-doc", { caretAtEnd: true });
    return;
  }
  if (screen.view === "scan") {
    screen.barcode += text;
    void focusSoon("barcode", { caretAtEnd: true });
  } else if (screen.view === "tender" && screen.current === null) {
    if (screen.ticket.items.length === 0 || waitingCharge(screen.ticket)) return;
    if (screen.tender === "card") {
      screen.cardText += text;
      void focusSoon("card-amount", { caretAtEnd: true });
      return;
    }
    if (screen.tender === "wallet") {
      screen.walletText += text;
      void focusSoon("wallet-amount", { caretAtEnd: true });
      return;
    }
    screen.receivedText += text;
    scheduleQuote();
    void focusSoon("received", { caretAtEnd: true });
  }
}

/** A document id looks like this (V-12345678, J401577482): a letter, then digits. */
const DOC_ID = /^[VEJGPvejgp][-\s]?\d/;

/** A scan: on the taxpayer step, a scanned document id (a card's barcode) is looked up as
 * typed; anything else is a bill, from any screen. */
export function onScanned(code: string): void {
  if (screen.view === "tax" && screen.tax && !screen.overlay && screen.cancelling === null && DOC_ID.test(code)) {
    screen.tax.docText = code;
    void lookupDebts();
    return;
  }
  onScan(code);
}
