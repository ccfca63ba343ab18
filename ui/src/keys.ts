// The keys of the main screen: F-keys, Esc, Enter (the obvious action), arrows in lists.
// Scans never get here: keyboard.ts takes them first.

import { S, clamp } from "./state";
import { closeOverlay, goTicket, lookup, newCustomer, openHistory, openSearch, pay, payOffline, pickCompanyChoice, pickSearchCompany, scheduleQuote, selectBill, showHistoryReceipt, submitSearch, toggleHelp } from "./actions";
import { renderNext } from "./panels";
import { renderAll, renderOverlay } from "./chrome";
import { focusId, focusPrimary } from "./focus";
import { cashMode } from "./offline";
import { supervisorBack, supervisorEnter, supervisorMove, toggleSupervisor } from "./supervisor";

export function onKey(e: KeyboardEvent): void {
  const target = e.target as HTMLElement | null;
  const inField = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
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
      if (S.overlay && trapTab(e.shiftKey ? -1 : 1)) e.preventDefault();
      return;
    case "F3":
    case "F6":
    case "F7":
    case "F10":
    case "F11":
    case "F12":
      e.preventDefault();
      return;
    case "Escape":
      e.preventDefault();
      back();
      return;
    case "ArrowDown":
    case "ArrowUp": {
      const d = e.key === "ArrowDown" ? 1 : -1;
      if (moveSelection(d)) e.preventDefault();
      return;
    }
    case "Enter":
      if (target instanceof HTMLButtonElement) return; // the button's own click
      if (confirm(inField ? target : null)) e.preventDefault();
      return;
  }
}

/** Arrow keys in whatever list is on screen. */
export function moveSelection(d: number): boolean {
  if (S.overlay === "supervisor") return supervisorMove(d);
  if (S.overlay === "history" && S.history) {
    const n = S.history.rows.length;
    if (n === 0) return false;
    S.history.index = clamp(S.history.index + d, 0, n - 1);
    S.history.receipt = null;
    S.history.note = null;
    S.history.error = null;
    renderOverlay();
    focusId(`hist-${S.history.index}`);
    return true;
  }
  if (S.overlay) return false;
  if (S.view === "chooser" && S.chooser) {
    S.chooser.index = clamp(S.chooser.index + d, 0, S.chooser.companies.length - 1);
    renderNext();
    focusId(`choice-${S.chooser.index}`);
    return true;
  }
  if (S.view === "search" && S.search && !S.search.company && S.search.companies) {
    S.search.index = clamp(S.search.index + d, 0, Math.max(0, S.search.companies.length - 1));
    renderNext();
    document.getElementById(`company-${S.search.index}`)?.scrollIntoView({ block: "nearest" });
    return true;
  }
  if (S.view === "search" && S.search?.company && !S.search.mode) {
    const modes = S.search.company.billModes;
    const i = modes.findIndex((m) => document.activeElement?.id === `mode-${m.id}`);
    const next = modes[clamp(i + d, 0, modes.length - 1)];
    if (next) focusId(`mode-${next.id}`);
    return true;
  }
  if (S.view === "tender" && S.bills.length > 1 && !(document.activeElement instanceof HTMLInputElement)) {
    selectBill(clamp(S.billIndex + d, 0, S.bills.length - 1));
    focusId(`bill-${S.billIndex}`);
    return true;
  }
  return false;
}

/** Enter: the obvious action of what is on screen. True when it did something. */
export function confirm(field: HTMLElement | null): boolean {
  if (S.overlay === "help") {
    closeOverlay();
    return true;
  }
  if (S.overlay === "history") {
    void showHistoryReceipt(false);
    return true;
  }
  if (S.overlay === "supervisor") return supervisorEnter(field);
  switch (S.view) {
    case "scan": {
      const code = (document.getElementById("barcode") as HTMLInputElement | null)?.value ?? S.barcode;
      if (code.trim()) void lookup(code.trim());
      return true;
    }
    case "tender":
      // Offline with contingency enabled, the obvious action is the provisional receipt.
      if (cashMode(S.status) === "offline-contingency") void payOffline();
      else void pay();
      return true;
    case "sale":
      if (S.current?.sale.isFinal || !field) newCustomer();
      return true;
    case "chooser":
      void pickCompanyChoice(S.chooser?.index ?? 0);
      return true;
    case "search":
      if (!S.search) return false;
      if (!S.search.company) {
        const c = S.search.companies?.[S.search.index];
        if (c) pickSearchCompany(c);
      } else if (S.search.mode) {
        void submitSearch();
      }
      return true;
    default:
      return false;
  }
}

export function back(): void {
  if (S.overlay === "supervisor" && supervisorBack()) return;
  if (S.overlay) {
    closeOverlay();
    return;
  }
  switch (S.view) {
    case "search":
      if (S.search?.mode && (S.search.company?.billModes.length ?? 0) > 1) S.search.mode = null;
      else if (S.search?.company) {
        S.search.company = null;
        S.search.mode = null;
      } else {
        S.view = S.bills.length ? "tender" : "scan";
      }
      S.error = null;
      break;
    case "chooser":
      S.chooser = null;
      S.view = "scan";
      break;
    case "tender":
    case "sale":
      newCustomer();
      return;
    case "scan":
      S.barcode = "";
      S.error = null;
      break;
    default:
      break;
  }
  renderAll();
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
  const next = all[(i < 0 ? (d > 0 ? 0 : all.length - 1) : (i + d + all.length) % all.length)];
  next?.focus();
  next?.scrollIntoView({ block: "nearest" });
  return true;
}

/** Text typed while no field had the focus. */
export function onStrayText(text: string): void {
  if (S.overlay === "history" && text.toLowerCase() === "c") {
    void showHistoryReceipt(true);
    return;
  }
  if (S.overlay) return;
  if (S.view === "scan") {
    S.barcode += text;
    renderNext();
    focusId("barcode", true);
  } else if (S.view === "tender" && S.current === null) {
    const input = document.getElementById("received") as HTMLInputElement | null;
    if (input) {
      input.focus();
      input.value += text;
      S.receivedText = input.value;
      scheduleQuote();
    }
  }
}
