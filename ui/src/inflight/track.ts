// Sales on their way to the hub: heard by event (and re-read every few seconds in case one was
// missed), the one on screen kept current, the others told by a toast when they settle.

import { commands, type SaleView } from "../generated/ipc";
import { errorMessage } from "../lib/errors";
import { focusSoon } from "../lib/focus";
import { t } from "../lib/i18n";
import { heard, markShown, remember, screen, shownFinal, type Timed } from "../lib/state.svelte";
import { refreshHistoryRows } from "../history/history";
import { toast } from "./toasts";

/** The sale the outcome panel shows; a final one is then known to have been seen. */
export function showCurrent(x: Timed): void {
  screen.current = x;
  if (x.sale.isFinal) markShown(Number(x.sale.id));
}

export function saleChanged(sale: SaleView): void {
  const id = Number(sale.id);
  const before = remember(sale);
  const now = performance.now();
  const was = screen.inflight.get(id);
  const inflight = new Map(screen.inflight);
  if (sale.isFinal) inflight.delete(id);
  else inflight.set(id, { sale, at: now });
  screen.inflight = inflight;
  if (sale.state === "approved" || sale.state === "rejected") screen.hub = "ok";
  const onScreen = screen.current !== null && Number(screen.current.sale.id) === id;
  // A bill of the ticket on screen: its line tells how it ended, so no toast repeats it.
  if (sale.isFinal && onPaidTicket(id)) markShown(id);
  if (onScreen) {
    showCurrent({ sale, at: now });
    maybeFetchReceipt();
    if (sale.isFinal && !screen.overlay && screen.view === "sale") void focusSoon("next-customer");
  } else if (sale.isFinal && was && !before?.isFinal) {
    // Unless it turns out to be the sale whose pay_cash reply is still on its way.
    // (A cashier quick on Enter may already have moved on from it: then it was seen.)
    window.setTimeout(() => {
      if ((!screen.current || Number(screen.current.sale.id) !== id) && !shownFinal.has(id) && !onPaidTicket(id)) toast(sale);
    }, 800);
  }
  if (screen.overlay === "history") void refreshHistoryRows();
}

/** The sale is a bill of the paid ticket the outcome panel shows now. */
function onPaidTicket(id: number): boolean {
  return screen.view === "sale" && (screen.paid?.items.some((i) => Number(i.sale?.id) === id) ?? false);
}

let fetchingReceipt: number | null = null;

/** The approved sale's receipt, once the hub's is in (it replaces a provisional one). */
export function maybeFetchReceipt(): void {
  const cur = screen.current?.sale;
  if (!cur || cur.state !== "approved" || cur.receipt !== "ready" || (screen.receipt && !screen.receiptProvisional)) return;
  if (fetchingReceipt === Number(cur.id)) return;
  fetchingReceipt = Number(cur.id);
  void commands
    .receiptPdf(cur.id, false)
    .then((r) => {
      if (screen.current && screen.current.sale.id === cur.id) {
        screen.receipt = r;
        screen.receiptError = null;
      }
    })
    .catch((e: unknown) => {
      screen.receiptError = errorMessage(e, t().unexpected);
    })
    .finally(() => {
      fetchingReceipt = null;
    });
}

export async function reprintCurrent(): Promise<void> {
  const cur = screen.current?.sale;
  if (!cur) return;
  try {
    const copy = await commands.receiptPdf(cur.id, true);
    screen.copyNote = copy.outcomeLabel;
  } catch (e) {
    screen.copyNote = errorMessage(e, t().unexpected);
  }
}

export async function refreshInflight(): Promise<void> {
  // The sale on screen is re-read too, in case an event was missed.
  const cur = screen.current?.sale;
  if (cur && screen.view === "sale" && (!cur.isFinal || cur.receipt === "coming")) {
    try {
      const fresh = await commands.sale(cur.id);
      if (fresh.state !== cur.state || fresh.receipt !== cur.receipt) saleChanged(fresh);
    } catch (e) {
      console.warn("sale refresh failed", e);
    }
  }
  try {
    const sales = await commands.salesInFlight();
    const now = performance.now();
    // An event may have settled a sale while this answer was on its way.
    const open = sales.filter((s) => !heard.get(Number(s.id))?.isFinal);
    screen.inflight = new Map(open.map((s) => [Number(s.id), { sale: s, at: now }]));
  } catch (e) {
    console.warn("sales_in_flight failed", e);
  }
}
