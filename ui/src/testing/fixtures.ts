// What the app returns, for tests: a counter, a status, a sale, a bill. Amounts are as the app
// formats them (es-AR); the screen never computes them.

import type {
  AppInfo,
  BillView,
  ContingencyView,
  MoneyView,
  ReceiptFile,
  RefundState,
  SaleView,
  StatusView,
  TenderView,
  TicketItemView,
  TicketMoneyView,
  TicketView,
  WalletChargeView,
} from "../generated/ipc";

export const money = (display: string, amount = "0.00"): MoneyView => ({ amount, currency: "ARS", display });

export function info(over: Partial<AppInfo> = {}): AppInfo {
  return {
    locale: "es",
    counter: "Caja 1",
    cashier: "Ana",
    version: "0",
    sandbox: true,
    modeLabel: "Modo prueba (simulador): nada se cobra de verdad",
    hubUrl: "",
    scanGapMs: 50,
    payTimeoutSecs: 60,
    dataDir: "",
    ...over,
  };
}

export function contingency(enabled: boolean, available = false): ContingencyView {
  return {
    enabled,
    perPaymentCap: money("$ 50.000,00", "50000.00"),
    totalCap: money("$ 500.000,00", "500000.00"),
    windowHours: 72,
    heldOffline: money("$ 0,00", "0.00"),
    available,
  };
}

const LABELS: Record<string, string> = {
  online: "conectado",
  degraded: "lento o con fallas",
  offline: "sin conexión",
  unknown: "verificando",
};

export function status(state: string, enabled = false, extra: Partial<StatusView> = {}): StatusView {
  return {
    links: [{ gateway: "traxion", name: "Sistema de cobro (simulador)", sandbox: true, state, label: LABELS[state] ?? state, lastSuccessAt: null }],
    queueDepth: 0,
    oldestQueuedSecs: null,
    lastSyncAt: null,
    attention: 0,
    provisionalPending: 0,
    settledAtStart: 0,
    contingency: contingency(enabled, enabled && state === "offline"),
    journalRefusing: false,
    warning: null,
    ...extra,
  };
}

export function sale(over: Partial<SaleView> = {}): SaleView {
  return {
    id: 3,
    clientTransactionId: "x",
    companyName: "DIRECT TV",
    customerId: "0086108279",
    barcode: null,
    amount: money("$ 2.748,00", "2748.00"),
    tender: "cash",
    received: money("$ 3.000,00", "3000.00"),
    change: money("$ 252,00", "252.00"),
    state: "journaled",
    stateLabel: "Registrado",
    isFinal: false,
    reason: null,
    hubReason: null,
    hubNumber: null,
    createdAt: new Date().toISOString(),
    waitedSecs: 0,
    nextCheckInSecs: null,
    answerTimeoutSecs: 60,
    receiptReady: false,
    receipt: "awaitingAnswer",
    provisional: false,
    ...over,
  };
}

export const approved = (over: Partial<SaleView> = {}): SaleView =>
  sale({ state: "approved", stateLabel: "Aprobado", isFinal: true, receiptReady: true, receipt: "ready", hubNumber: 77, ...over });

export const rejected = (over: Partial<SaleView> = {}): SaleView =>
  sale({
    state: "rejected",
    stateLabel: "Rechazado",
    isFinal: true,
    receipt: "noReceipt",
    reason: "La factura ya estaba pagada: no se cobró.",
    hubReason: "409_BILL_ALREADY_PAID - Factura con barra: 05700861082790003832152882102060000027480005 ya ha sido pagada",
    ...over,
  });

export function bill(over: Partial<BillView> = {}): BillView {
  return {
    key: 11,
    companyCode: "1234",
    companyName: "DIRECT TV",
    customerId: "0086108279",
    barcode: "05700861082790003832152882102060000027480005",
    description: "",
    total: money("$ 2.748,00", "2748.00"),
    openAmount: false,
    min: money("$ 2.748,00", "2748.00"),
    max: money("$ 2.748,00", "2748.00"),
    earlierSale: null,
    ...over,
  };
}

export function receiptFile(saleId: number, over: Partial<ReceiptFile> = {}): ReceiptFile {
  return {
    saleId,
    outcome: "saved",
    outcomeLabel: "Comprobante guardado (PDF), listo para imprimir.",
    copy: false,
    text: "DIRECT TV\n$ 2.748,00",
    file: `/data/receipts/venta-${saleId}.pdf`,
    ...over,
  };
}

/** A line of the ticket being built for `b`, at its total. */
export function line(b: BillView, position: number, over: Partial<TicketItemView> = {}): TicketItemView {
  return {
    position,
    gateway: "traxion",
    title: b.companyName,
    customerId: b.customerId,
    amount: b.total,
    bill: b,
    sale: null,
    tax: null,
    refund: "none",
    ...over,
  };
}

/** The ticket being built with these bills; `total` as the app would sum them. */
export function draft(bills: BillView[], total: MoneyView | null = bills[0]?.total ?? null): TicketView {
  return {
    id: null,
    items: bills.map((b, i) => line(b, i + 1)),
    total: bills.length ? total : null,
    status: "draft",
    statusLabel: "En preparación",
    phase: "draft",
    cashHints: bills.length && total ? [total, money("$ 3.000,00", "3000.00"), money("$ 10.000,00", "10000.00")] : [],
    money: null,
    tenders: [],
    owed: bills.length ? total : null,
    chargeNotice: null,
    settled: false,
    createdAt: null,
  };
}

/** A paid ticket of these sales (each with its refund state), as the app returns it. */
export function paidTicket(
  lines: { sale: SaleView; refund?: RefundState }[],
  phase: string,
  money: Partial<TicketMoneyView> = {},
): TicketView {
  const zero = money_("$ 0,00", "0.00");
  return {
    id: 9,
    items: lines.map((l, i) => ({
      position: i + 1,
      gateway: "traxion",
      title: l.sale.companyName,
      customerId: l.sale.customerId,
      amount: l.sale.amount,
      bill: null,
      sale: l.sale,
      tax: null,
      refund: l.refund ?? "none",
    })),
    total: money_("$ 5.496,00", "5496.00"),
    status: "Completed",
    statusLabel: phase === "refund" ? "Pagado: hay dinero para devolver" : phase === "waiting" ? "Pagado: esperando respuesta" : "Pagado y cerrado",
    phase,
    cashHints: [],
    money: {
      received: money_("$ 6.000,00", "6000.00"),
      change: money_("$ 504,00", "504.00"),
      approved: zero,
      waiting: zero,
      rejected: zero,
      refunded: zero,
      refundDue: zero,
      ...money,
    },
    tenders: [tender({ kind: "cash", label: "Efectivo: recibido $ 6.000,00, vuelto $ 504,00", amount: money_("$ 5.496,00", "5496.00") })],
    owed: null,
    chargeNotice: null,
    settled: phase === "settled",
    createdAt: new Date().toISOString(),
  };
}

const money_ = money;

/** A tender as the app lists it: an accepted card unless said otherwise. */
export function tender(over: Partial<TenderView> = {}): TenderView {
  // Asserted, not annotated: fields the bindings gain later (a wallet's QR) stay null here.
  return {
    kind: "card",
    state: "accepted",
    label: "Tarjeta •••• 1111 (INCA-0000000432)",
    amount: money("$ 1.000,00", "1000.00"),
    txid: null,
    deadline: null,
    secondsLeft: null,
    qrUrl: null,
    qrSvg: null,
    ...over,
  } as TenderView;
}

/** A card the customer is presenting at the terminal, for `secs` more seconds. */
export function waitingCard(amount: MoneyView, secs = 90): TenderView {
  return tender({
    state: "waiting",
    label: "Tarjeta: esperando al cliente en el terminal",
    amount,
    deadline: new Date(Date.now() + secs * 1000).toISOString(),
    secondsLeft: secs,
  });
}

/** The ticket being built with these tenders and what they leave owed (as the app says). */
export function charged(base: TicketView, tenders: TenderView[], owed: MoneyView | null, chargeNotice: string | null = null): TicketView {
  return { ...base, tenders, owed, chargeNotice };
}

/** A wallet-connect QR code as the app draws it (any SVG will do for the screen). */
export const QR_SVG =
  '<?xml version="1.0" standalone="yes"?><svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="264" height="264" viewBox="0 0 264 264" shape-rendering="crispEdges"><rect x="0" y="0" width="264" height="264" fill="#ffffff"/><path fill="#000000" d="M32 32h8v8h-8z"/></svg>';

/** A wallet QR code the customer is to scan, for `secs` more seconds. */
export function waitingWallet(amount: MoneyView, secs = 600): TenderView {
  return tender({
    kind: "wallet",
    state: "waiting",
    label: "Billetera: esperando que el cliente escanee el código",
    amount,
    deadline: new Date(Date.now() + secs * 1000).toISOString(),
    secondsLeft: secs,
    qrUrl: "http://127.0.0.1:8787/_sandbox/pennymatic/authorize?appId=5a9d&sessionid=c89d21c7",
    qrSvg: QR_SVG,
  });
}

/** A wallet charge taken, as the ticket lists it. */
export function walletTaken(amount: MoneyView, txid = "3f2a9c0b1d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8"): TenderView {
  return tender({ kind: "wallet", state: "accepted", label: `Billetera (txid ${txid.slice(0, 12)}…)`, amount, txid });
}

/** A wallet charge for the supervisor, as the app lists it. */
export function walletCharge(over: Partial<WalletChargeView> = {}): WalletChargeView {
  return {
    reference: "wal-0000000007",
    amount: money("$ 1.000,00", "1000.00"),
    state: "unknown",
    txid: null,
    createdAt: new Date(Date.now() - 120_000).toISOString(),
    refundedBy: null,
    ...over,
  };
}
