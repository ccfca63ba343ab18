// The F3 step: a taxpayer's debts by document id, ticked into an order at the tax platform (the
// order's debts join the ticket), changed, or cancelled after a confirmation. Every rule (the
// document id's format, what may be ordered, the totals) is the app's: this sends what the
// cashier did and shows what comes back.

import { commands, type TaxOrderView, type TicketView } from "../generated/ipc";
import { errorCode, errorMessage } from "../lib/errors";
import { focusSoon } from "../lib/focus";
import { t } from "../lib/i18n";
import { clamp, screen, type TaxState } from "../lib/state.svelte";
import { setTicket } from "../ticket/ticket";
import { scheduleQuote } from "../next/tender";
import { clock } from "../lib/clock.svelte";
import { anyExpired } from "./countdown";

function blank(): TaxState {
  return { docText: "", busy: false, error: null, debts: null, ticked: [], index: 0, order: null };
}

/** F3: the taxpayer step, where the cashier left it (a new one when nothing is under way). */
export function openTax(): void {
  screen.overlay = null;
  if (screen.view === "sale") return; // the paid ticket's outcome stays until the next customer
  screen.tax ??= blank();
  // An order on the ticket but not in this step (the screen was reloaded): it is the one shown.
  if (screen.tax.order === null) {
    const first = openOrders(screen.ticket)[0];
    if (first !== undefined) {
      screen.tax.order = first;
      const known = screen.taxOrders.get(first)?.order;
      if (known) {
        screen.tax.docText = known.docId;
        void lookupDebts();
      }
    }
  }
  screen.view = "tax";
  screen.error = null;
  focusTax();
}

export function focusTax(): void {
  const s = screen.tax;
  void focusSoon(s?.debts?.debts.length ? `tax-debt-${s.index}` : "tax-doc", { caretAtEnd: true });
}

/** Enter in the document field: what the taxpayer owes. */
export async function lookupDebts(): Promise<void> {
  const s = screen.tax;
  if (!s || s.busy) return;
  const typed = s.docText.trim();
  if (!typed) {
    s.error = t().taxDocEmpty;
    return;
  }
  s.busy = true;
  s.error = null;
  try {
    const debts = await commands.taxDebts(typed);
    s.debts = debts;
    s.docText = debts.docId;
    s.index = 0;
    const order = s.order !== null ? screen.taxOrders.get(s.order)?.order : undefined;
    // The debts already in this taxpayer's order stay ticked; a new taxpayer starts with none.
    if (order && order.docId === debts.docId) {
      s.ticked = order.items.map((i) => i.id);
    } else {
      s.order = null;
      s.ticked = [];
    }
    if (debts.debts.length === 0) s.error = t().taxNothingOwed(debts.docId);
  } catch (e) {
    s.debts = null;
    s.error = errorMessage(e, t().unexpected);
  } finally {
    s.busy = false;
  }
  focusTax();
}

/** ↑ ↓ in the list of debts. */
export function moveDebt(d: number): boolean {
  const s = screen.tax;
  const n = s?.debts?.debts.length ?? 0;
  if (!s || n === 0) return false;
  const inList = document.activeElement?.id.startsWith("tax-debt-") === true;
  // From the document field, ↓ goes into the list.
  s.index = inList ? clamp(s.index + d, 0, n - 1) : d > 0 ? 0 : s.index;
  void focusSoon(`tax-debt-${s.index}`);
  return true;
}

/** The document id as the cashier types it. */
export function docTyped(text: string): void {
  if (screen.tax) screen.tax.docText = text;
}

/** A debt took the focus (Tab, a click): it is the highlighted one. */
export function focusedDebt(i: number): void {
  if (screen.tax) screen.tax.index = i;
}

/** Space or a click on a debt: ticked or not. */
export function toggleDebt(i: number): void {
  const s = screen.tax;
  const debt = s?.debts?.debts[i];
  if (!s || !debt) return;
  s.index = i;
  s.ticked = s.ticked.includes(debt.id) ? s.ticked.filter((id) => id !== debt.id) : [...s.ticked, debt.id];
  s.error = null;
}

/** What pressing Enter would do with the ticked debts. */
export type TaxAction = "create" | "change" | "cancel" | "none" | "unchanged";

export function pendingAction(s: TaxState): TaxAction {
  const timed = s.order !== null ? screen.taxOrders.get(s.order) : undefined;
  if (!timed) return s.ticked.length > 0 ? "create" : "none";
  const order = timed.order;
  // An expired order can be neither charged nor changed: all that is left is to cancel it.
  if (s.ticked.length === 0 || anyExpired([timed], clock.now)) return "cancel";
  const held = order.items.map((i) => i.id);
  const same = held.length === s.ticked.length && held.every((id) => s.ticked.includes(id));
  return same ? "unchanged" : "change";
}

/** Enter on the list: the order is created, or brought to what is ticked; then the cash. */
export async function applyTicked(): Promise<void> {
  const s = screen.tax;
  if (!s || s.busy || !s.debts) return;
  const action = pendingAction(s);
  if (action === "none") {
    s.error = t().taxNothingTicked;
    return;
  }
  if (action === "cancel") {
    if (s.order !== null) askCancel(s.order);
    return;
  }
  if (action === "unchanged") {
    toCash();
    return;
  }
  s.busy = true;
  s.error = null;
  try {
    const order = await (action === "create" ? commands.taxCreateOrder(s.debts.docId, s.ticked) : changeOrder(s));
    s.order = order.id;
    keepOrder(order);
    setTicket(await commands.ticket());
    toCash();
  } catch (e) {
    s.error = errorMessage(e, t().unexpected);
    focusTax();
  } finally {
    s.busy = false;
  }
}

/** Adds what was ticked since, then takes off what was unticked (two calls at the platform). */
async function changeOrder(s: TaxState): Promise<TaxOrderView> {
  const id = s.order;
  if (id === null) throw new Error("no order to change");
  const held = screen.taxOrders.get(id)?.order.items.map((i) => i.id) ?? [];
  const add = s.ticked.filter((d) => !held.includes(d));
  const remove = held.filter((d) => !s.ticked.includes(d));
  let order: TaxOrderView | null = null;
  if (add.length > 0) order = await commands.taxChangeOrder(id, true, add);
  if (remove.length > 0) order = await commands.taxChangeOrder(id, false, remove);
  return order ?? (await commands.taxOrder(id));
}

function toCash(): void {
  screen.view = screen.ticket.items.length > 0 ? "tender" : "scan";
  scheduleQuote(0);
  void focusSoon(screen.view === "tender" ? "received" : "barcode", { caretAtEnd: true });
}

/** Esc in the step: back to the ticket (the order stays on it) or to the scan. */
export function taxBack(): void {
  const s = screen.tax;
  if (s && !s.order) screen.tax = null;
  toCash();
}

/** The ✕ on a tax line: that debt leaves its order (the last one: the order is cancelled). */
export async function removeTaxLine(order: number, debtId: string): Promise<void> {
  const o = screen.taxOrders.get(order)?.order;
  if (o && o.items.length <= 1) {
    askCancel(order);
    return;
  }
  try {
    keepOrder(await commands.taxChangeOrder(order, false, [debtId]));
    setTicket(await commands.ticket());
    if (screen.tax?.order === order) screen.tax.ticked = screen.tax.ticked.filter((id) => id !== debtId);
    screen.error = null;
  } catch (e) {
    screen.error = { text: errorMessage(e, t().unexpected), code: errorCode(e), refused: null, at: Date.now() };
  }
}

/** Cancelling asks first: the confirmation takes the focus on its "no" button. */
export function askCancel(order: number): void {
  screen.cancelling = order;
  void focusSoon("tax-cancel-no");
}

export function keepCancel(): void {
  screen.cancelling = null;
  if (screen.view === "tax") focusTax();
  else void focusSoon("received", { caretAtEnd: true });
}

export async function confirmCancel(): Promise<void> {
  const id = screen.cancelling;
  if (id === null) return;
  try {
    await commands.taxCancelOrder(id);
    const orders = new Map(screen.taxOrders);
    orders.delete(id);
    screen.taxOrders = orders;
    if (screen.tax?.order === id) {
      screen.tax.order = null;
      screen.tax.ticked = [];
    }
    setTicket(await commands.ticket());
    screen.cancelling = null;
    screen.error = null;
    if (screen.view !== "tax") toCash();
    else focusTax();
  } catch (e) {
    screen.cancelling = null;
    screen.error = { text: errorMessage(e, t().unexpected), code: errorCode(e), refused: null, at: Date.now() };
  }
}

/** The open tax orders a ticket holds, by the journal's id, in the order of their lines. */
export function openOrders(ticket: TicketView): number[] {
  const ids: number[] = [];
  for (const item of ticket.items) {
    const o = item.tax?.order;
    if (o !== undefined && !ids.includes(o)) ids.push(o);
  }
  return ids;
}

export function keepOrder(order: TaxOrderView): void {
  const orders = new Map(screen.taxOrders);
  orders.set(order.id, { order, at: performance.now() });
  screen.taxOrders = orders;
}

/** The ticket changed: the orders it holds are read again (their countdowns start from the
 * app's own figure), and the ones it no longer holds are forgotten. */
export async function refreshOrders(ticket: TicketView): Promise<void> {
  const ids = openOrders(ticket);
  const kept = new Map([...screen.taxOrders].filter(([id]) => ids.includes(id)));
  if (kept.size !== screen.taxOrders.size) screen.taxOrders = kept;
  for (const id of ids) {
    try {
      keepOrder(await commands.taxOrder(id));
    } catch (e) {
      console.warn("tax_order failed", e);
    }
  }
}
