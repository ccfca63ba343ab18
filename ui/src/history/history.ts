// F8, the history: the counter's last sales, the receipt of the selected one, and its copy.

import { commands } from "../generated/ipc";
import { errorMessage } from "../lib/errors";
import { focusSoon } from "../lib/focus";
import { t } from "../lib/i18n";
import { clamp, screen } from "../lib/state.svelte";
import { hasReceipt } from "../offline/offline";

/** How many sales the history lists (the app keeps them all; the screen shows the last ones). */
const ROWS = 100;

export async function openHistory(): Promise<void> {
  screen.overlay = "history";
  screen.history = { rows: [], index: 0, receipt: null, summary: null, error: null };
  await refreshHistoryRows();
  await focusSoon(`hist-${screen.history?.index ?? 0}`);
}

export async function refreshHistoryRows(): Promise<void> {
  const hs = screen.history;
  if (!hs) return;
  try {
    const rows = await commands.history(ROWS);
    hs.rows = rows;
    hs.index = clamp(hs.index, 0, Math.max(0, rows.length - 1));
  } catch (e) {
    hs.error = errorMessage(e, t().unexpected);
  }
}

/** ↑ ↓ in the list: another sale, its details (its receipt only when asked for). */
export function moveHistory(d: number): boolean {
  const hs = screen.history;
  const n = hs?.rows.length ?? 0;
  if (!hs || n === 0) return false;
  selectHistory(clamp(hs.index + d, 0, n - 1));
  void focusSoon(`hist-${hs.index}`);
  return true;
}

export function selectHistory(i: number): void {
  const hs = screen.history;
  if (!hs) return;
  if (hs.index !== i) {
    hs.receipt = null;
    hs.summary = null;
    hs.error = null;
  }
  hs.index = i;
}

/** Enter (the receipt) or C (a copy) on the selected sale. */
export async function showHistoryReceipt(copy: boolean): Promise<void> {
  const hs = screen.history;
  const row = hs?.rows[hs.index];
  if (!hs || !row) return;
  if (!hasReceipt(row)) {
    // Nothing to ask the app for: a rejected sale never has a receipt, a pending one has none
    // yet; the detail says which.
    hs.receipt = null;
    hs.error = null;
    return;
  }
  try {
    hs.receipt = await commands.receiptPdf(row.id, copy);
    hs.summary = null;
    hs.error = null;
  } catch (e) {
    hs.receipt = null;
    hs.error = errorMessage(e, t().unexpected);
  }
  await focusSoon(`hist-${hs.index}`);
}

/** T on the selected sale: a copy of the summary of the ticket it was paid in. */
export async function reprintTicketSummary(): Promise<void> {
  const hs = screen.history;
  const row = hs?.rows[hs.index];
  if (!hs || !row) return;
  try {
    const ticket = await commands.ticketOfSale(row.id);
    if (ticket?.id == null) {
      hs.summary = null;
      hs.error = t().noTicket;
      return;
    }
    hs.summary = await commands.ticketSummaryPdf(ticket.id, true);
    hs.receipt = null;
    hs.error = null;
  } catch (e) {
    hs.summary = null;
    hs.error = errorMessage(e, t().unexpected);
  }
  await focusSoon(`hist-${hs.index}`);
}
