// F9, the supervisor's panel: contingency settings (offline payments on provisional receipts,
// their caps and window), the operations that wait for a person, with "Reintentar" and
// "Resolver" (a note is required), card money taken without a sale, marked "Devuelto" with
// the name of who handed it back, and wallet charges: those whose answer was lost, settled with
// the txid the customer's wallet shows (or as nothing taken, once confirmed), and wallet money
// to hand back, marked "Devuelto" like the card's. Keyboard first: Tab between fields and buttons, Enter in a
// field saves or confirms, arrows move between operations, Esc closes (or cancels what is being
// typed).

import { commands, type AttentionView, type CardStrayView, type ContingencyView, type WalletChargeView } from "../generated/ipc";
import { errorMessage } from "../lib/errors";
import { focusSoon } from "../lib/focus";
import { t } from "../lib/i18n";
import { clamp, screen, type SupervisorState } from "../lib/state.svelte";
import { closeOverlay } from "../next/nav";
import { capText, parseHours } from "../offline/offline";
import { probeHub, statusChanged } from "../status/link";

function fromView(sv: SupervisorState, c: ContingencyView): void {
  sv.enabled = c.enabled;
  sv.perCap = capText(c.perPaymentCap.amount);
  sv.totalCap = capText(c.totalCap.amount);
  sv.hours = String(c.windowHours);
}

export function openSupervisor(): void {
  const fresh: SupervisorState = {
    enabled: false,
    perCap: "",
    totalCap: "",
    hours: "",
    dirty: false,
    saving: false,
    error: null,
    saved: null,
    items: null,
    listError: null,
    index: 0,
    resolving: null,
    note: "",
    resolveError: null,
    listNote: null,
    strays: null,
    straysError: null,
    refunding: null,
    refundBy: "",
    refundError: null,
    strayNote: null,
    wallets: null,
    walletsError: null,
    walletTxids: {},
    walletNone: null,
    walletRefunding: null,
    walletBy: "",
    walletError: null,
    walletNote: null,
  };
  if (screen.status) fromView(fresh, screen.status.contingency);
  screen.supervisor = fresh;
  // The store keeps its own (reactive) copy: work on that one from here on.
  const sv = screen.supervisor;
  if (!sv) return;
  screen.overlay = "supervisor";
  void focusSoon("cont-enabled");
  void commands
    .status()
    .then((st) => {
      if (screen.supervisor === sv && !sv.dirty) fromView(sv, st.contingency);
      statusChanged(st);
    })
    .catch((e: unknown) => {
      sv.error = errorMessage(e, t().unexpected);
    });
  // The list of operations is loaded by the panel itself, and again whenever their count changes.
}

export function toggleSupervisor(): void {
  if (screen.overlay === "supervisor") closeOverlay();
  else openSupervisor();
}

export async function loadAttention(): Promise<void> {
  const sv = screen.supervisor;
  if (!sv) return;
  try {
    const items = await commands.needsAttention();
    sv.items = items;
    sv.index = clamp(sv.index, 0, Math.max(0, items.length - 1));
    sv.listError = null;
    if (sv.resolving !== null && !items.some((a) => Number(a.outboxId) === sv.resolving)) sv.resolving = null;
  } catch (e) {
    sv.listError = errorMessage(e, t().unexpected);
  }
}

/** Card money taken without a sale (the refunds still owed first, as the app lists them). */
export async function loadStrays(): Promise<void> {
  const sv = screen.supervisor;
  if (!sv) return;
  try {
    const strays = await commands.cardStrays();
    sv.strays = strays;
    sv.straysError = null;
    if (sv.refunding !== null && !strays.some((s) => s.captureId === sv.refunding && s.refundedBy === null)) sv.refunding = null;
  } catch (e) {
    sv.straysError = errorMessage(e, t().unexpected);
  }
}

/** "Devuelto" on a card charge: who handed the money back is asked for. */
export function startStrayRefund(s: CardStrayView): void {
  const sv = screen.supervisor;
  if (!sv) return;
  sv.resolving = null;
  sv.walletRefunding = null;
  sv.walletNone = null;
  sv.refunding = s.captureId;
  sv.refundBy = "";
  sv.refundError = null;
  void focusSoon("stray-by");
}

export function setRefundBy(value: string): void {
  if (screen.supervisor) screen.supervisor.refundBy = value;
}

/** The supervisor confirms the refund, with their name. */
export async function confirmStrayRefund(): Promise<void> {
  const sv = screen.supervisor;
  if (!sv || sv.refunding === null) return;
  const tr = t();
  const by = sv.refundBy.trim();
  if (!by) {
    sv.refundError = tr.strayByEmpty;
    await focusSoon("stray-by");
    return;
  }
  const id = sv.refunding;
  const stray = sv.strays?.find((s) => s.captureId === id);
  try {
    await commands.cardStrayRefunded(id, by);
    sv.refunding = null;
    sv.refundError = null;
    sv.strayNote = stray ? tr.strayRefunded(stray.label, stray.amount.display) : null;
    await loadStrays();
    await focusAfterStrays();
    void probeHub();
  } catch (e) {
    sv.refundError = errorMessage(e, tr.unexpected);
    await focusSoon("stray-by", { caretAtEnd: true });
  }
}

function cancelStrayRefund(): void {
  const sv = screen.supervisor;
  if (!sv) return;
  const i = sv.strays?.findIndex((s) => s.captureId === sv.refunding) ?? -1;
  sv.refunding = null;
  sv.refundError = null;
  void focusSoon(i >= 0 ? `stray-refund-${i}` : "cont-enabled");
}

async function focusAfterStrays(): Promise<void> {
  const sv = screen.supervisor;
  const i = sv?.strays?.findIndex((s) => s.refundedBy === null) ?? -1;
  await focusSoon(i >= 0 ? `stray-refund-${i}` : "cont-enabled");
}

/** A settings field was typed into. */
export function setSetting(field: "perCap" | "totalCap" | "hours", value: string): void {
  const sv = screen.supervisor;
  if (!sv) return;
  sv[field] = value;
  edited();
}

function edited(): void {
  const sv = screen.supervisor;
  if (!sv) return;
  sv.dirty = true;
  sv.saved = null;
}

export function setNote(value: string): void {
  if (screen.supervisor) screen.supervisor.note = value;
}

/** An operation's button took the focus: it is the selected one. */
export function selectAttention(i: number): void {
  if (screen.supervisor) screen.supervisor.index = i;
}

export function toggleEnabled(): void {
  const sv = screen.supervisor;
  if (!sv) return;
  sv.enabled = !sv.enabled;
  edited();
}

export async function saveContingency(): Promise<void> {
  const sv = screen.supervisor;
  if (!sv || sv.saving) return;
  const tr = t();
  const hours = parseHours(sv.hours);
  if (hours === null) {
    sv.error = tr.contHoursInvalid;
    await focusSoon("cont-hours", { caretAtEnd: true });
    return;
  }
  sv.saving = true;
  sv.error = null;
  try {
    const view = await commands.setContingency(sv.enabled, sv.perCap, sv.totalCap, hours);
    fromView(sv, view);
    sv.dirty = false;
    sv.saved = tr.contSaved(view.enabled, view.perPaymentCap.display, view.totalCap.display, view.windowHours);
    if (screen.status) statusChanged({ ...screen.status, contingency: view });
  } catch (e) {
    sv.error = errorMessage(e, tr.unexpected);
  } finally {
    sv.saving = false;
  }
  void probeHub();
}

export async function retry(a: AttentionView): Promise<void> {
  const sv = screen.supervisor;
  if (!sv) return;
  try {
    await commands.retryAttention(a.outboxId);
    sv.listNote = { text: `${a.title} ${a.amount.display}: ${t().attRetried}`, bad: false };
  } catch (e) {
    sv.listNote = { text: errorMessage(e, t().unexpected), bad: true };
  }
  await loadAttention();
  await focusAfterList();
  void probeHub();
}

export function startResolve(a: AttentionView, i: number): void {
  const sv = screen.supervisor;
  if (!sv) return;
  sv.refunding = null;
  sv.walletRefunding = null;
  sv.walletNone = null;
  sv.index = i;
  sv.resolving = Number(a.outboxId);
  sv.note = "";
  sv.resolveError = null;
  void focusSoon("att-note");
}

export async function confirmResolve(): Promise<void> {
  const sv = screen.supervisor;
  if (!sv || sv.resolving === null) return;
  const id = sv.resolving;
  const item = sv.items?.find((a) => Number(a.outboxId) === id);
  try {
    await commands.resolveAttention(id, sv.note);
    sv.resolving = null;
    sv.resolveError = null;
    sv.listNote = { text: `${item ? `${item.title} ${item.amount.display}: ` : ""}${t().attResolved}`, bad: false };
    await loadAttention();
    await focusAfterList();
    void probeHub();
  } catch (e) {
    sv.resolveError = errorMessage(e, t().unexpected);
    await focusSoon("att-note", { caretAtEnd: true });
  }
}

function cancelResolve(): void {
  const sv = screen.supervisor;
  if (!sv) return;
  sv.resolving = null;
  sv.resolveError = null;
  void focusSoon(`att-resolve-${sv.index}`);
}

async function focusAfterList(): Promise<void> {
  const sv = screen.supervisor;
  if (!sv) return;
  if (sv.items && sv.items.length > 0) await focusSoon(`att-retry-${sv.index}`);
  else await focusSoon("cont-enabled");
}

/** Enter in the panel: a settings field saves, the note resolves. True when handled. */
export function supervisorEnter(field: HTMLElement | null): boolean {
  if (!field) return true;
  if (field.id === "att-note") {
    void confirmResolve();
    return true;
  }
  if (field.id === "stray-by") {
    void confirmStrayRefund();
    return true;
  }
  if (field.id.startsWith("wallet-txid-")) {
    const ref = field.dataset.reference;
    if (ref) void settleWallet(ref);
    return true;
  }
  if (field.id === "wallet-by") {
    void confirmWalletRefund();
    return true;
  }
  if (field.id.startsWith("cont-")) {
    void saveContingency();
    return true;
  }
  return true;
}

/** Esc in the panel: cancels a resolution or a refund being typed. False when the panel should
 * close. */
export function supervisorBack(): boolean {
  if (screen.supervisor?.walletRefunding || screen.supervisor?.walletNone) {
    cancelWalletAsk();
    return true;
  }
  if (screen.supervisor?.refunding !== null && screen.supervisor?.refunding !== undefined) {
    cancelStrayRefund();
    return true;
  }
  if (screen.supervisor?.resolving !== null && screen.supervisor?.resolving !== undefined) {
    cancelResolve();
    return true;
  }
  return false;
}

/** ↑ ↓ between the operations. */
export function supervisorMove(d: number): boolean {
  const sv = screen.supervisor;
  const n = sv?.items?.length ?? 0;
  if (!sv || n === 0 || sv.resolving !== null || sv.refunding !== null) return false;
  // The card and wallet charges are lists of their own, reached with Tab.
  if (document.activeElement?.closest("#stray-list, #wallet-list")) return false;
  const inList = Boolean(document.activeElement?.closest("#att-list"));
  sv.index = inList ? clamp(sv.index + d, 0, n - 1) : sv.index;
  void focusSoon(`att-retry-${sv.index}`);
  return true;
}

/** Wallet charges for a person (answer lost first, then money to hand back, then done). */
export async function loadWallets(): Promise<void> {
  const sv = screen.supervisor;
  if (!sv) return;
  try {
    const list = await commands.walletAttention();
    sv.wallets = list;
    sv.walletsError = null;
    const open = (ref: string | null, state: string) => ref !== null && list.some((w) => w.reference === ref && w.state === state);
    if (!open(sv.walletRefunding, "refund_due")) sv.walletRefunding = null;
    if (!open(sv.walletNone, "unknown")) sv.walletNone = null;
  } catch (e) {
    sv.walletsError = errorMessage(e, t().unexpected);
  }
}

function walletIndex(sv: SupervisorState, reference: string): number {
  return sv.wallets?.findIndex((w) => w.reference === reference) ?? -1;
}

export function setWalletTxid(reference: string, value: string): void {
  const sv = screen.supervisor;
  if (sv) sv.walletTxids = { ...sv.walletTxids, [reference]: value };
}

export function setWalletBy(value: string): void {
  if (screen.supervisor) screen.supervisor.walletBy = value;
}

/** "Resolver" on a wallet charge whose answer was lost: settled with the txid typed (the app
 * checks it with the wallet gateway). An empty txid is asked for: saying nothing was taken is
 * its own, confirmed, action. */
export async function settleWallet(reference: string): Promise<void> {
  const sv = screen.supervisor;
  if (!sv) return;
  const tr = t();
  const i = walletIndex(sv, reference);
  const txid = (sv.walletTxids[reference] ?? "").trim();
  if (!txid) {
    sv.walletError = { reference, text: tr.walletTxidEmpty };
    await focusSoon(`wallet-txid-${i}`);
    return;
  }
  await settled(sv, reference, txid, `wallet-txid-${i}`);
}

/** "No se cobró…": the question before recording that nothing was taken. */
export function askWalletNone(w: WalletChargeView): void {
  const sv = screen.supervisor;
  if (!sv) return;
  sv.resolving = null;
  sv.refunding = null;
  sv.walletRefunding = null;
  sv.walletError = null;
  sv.walletNone = w.reference;
  void focusSoon("wallet-none-no");
}

/** The supervisor confirms that the customer's wallet shows no such payment. */
export async function confirmWalletNone(): Promise<void> {
  const sv = screen.supervisor;
  if (!sv || sv.walletNone === null) return;
  await settled(sv, sv.walletNone, "", "wallet-none-yes");
}

async function settled(sv: SupervisorState, reference: string, txid: string, retryFocus: string): Promise<void> {
  const tr = t();
  const w = sv.wallets?.find((x) => x.reference === reference);
  try {
    await commands.walletSettleUnknown(reference, txid);
    sv.walletError = null;
    sv.walletNone = null;
    const typed = { ...sv.walletTxids };
    delete typed[reference];
    sv.walletTxids = typed;
    sv.walletNote = w ? (txid ? tr.walletSettled(w.amount.display) : tr.walletSettledNone(w.amount.display)) : null;
    await loadWallets();
    await focusAfterWallets();
    void probeHub();
  } catch (e) {
    sv.walletError = { reference, text: errorMessage(e, tr.unexpected) };
    await focusSoon(retryFocus, { caretAtEnd: true });
  }
}

/** "Devuelto…" on wallet money without a sale: who handed it back is asked for. */
export function startWalletRefund(w: WalletChargeView): void {
  const sv = screen.supervisor;
  if (!sv) return;
  sv.resolving = null;
  sv.refunding = null;
  sv.walletNone = null;
  sv.walletError = null;
  sv.walletRefunding = w.reference;
  sv.walletBy = "";
  void focusSoon("wallet-by");
}

/** The supervisor confirms the wallet refund, with their name. */
export async function confirmWalletRefund(): Promise<void> {
  const sv = screen.supervisor;
  if (!sv || sv.walletRefunding === null) return;
  const tr = t();
  const reference = sv.walletRefunding;
  const by = sv.walletBy.trim();
  if (!by) {
    sv.walletError = { reference, text: tr.strayByEmpty };
    await focusSoon("wallet-by");
    return;
  }
  const w = sv.wallets?.find((x) => x.reference === reference);
  try {
    await commands.walletRefunded(reference, by);
    sv.walletRefunding = null;
    sv.walletError = null;
    sv.walletNote = w ? tr.walletRefunded(w.amount.display) : null;
    await loadWallets();
    await focusAfterWallets();
    void probeHub();
  } catch (e) {
    sv.walletError = { reference, text: errorMessage(e, tr.unexpected) };
    await focusSoon("wallet-by", { caretAtEnd: true });
  }
}

/** Esc: the refund or the "nothing taken" question being answered is dropped. */
function cancelWalletAsk(): void {
  const sv = screen.supervisor;
  if (!sv) return;
  const reference = sv.walletRefunding ?? sv.walletNone;
  const refunding = sv.walletRefunding !== null;
  sv.walletRefunding = null;
  sv.walletNone = null;
  sv.walletError = null;
  const i = reference === null ? -1 : walletIndex(sv, reference);
  void focusSoon(i < 0 ? "cont-enabled" : refunding ? `wallet-refund-${i}` : `wallet-none-${i}`);
}

async function focusAfterWallets(): Promise<void> {
  const sv = screen.supervisor;
  const i = sv?.wallets?.findIndex((w) => w.state !== "refunded") ?? -1;
  const w = i >= 0 ? sv?.wallets?.[i] : undefined;
  await focusSoon(w ? (w.state === "unknown" ? `wallet-txid-${i}` : `wallet-refund-${i}`) : "cont-enabled");
}
