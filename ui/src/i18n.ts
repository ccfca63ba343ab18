// The screen's words. Spanish by default; English when AppInfo.locale is "en".
// Messages that come from the app (UiError.message, SaleView.stateLabel) are already translated.

import type { Locale } from "./bindings";

const es = {
  appName: "Ventanilla",
  keysHint: "F1 Ayuda",
  ticketTitle: "Ticket del cliente",
  ticketEmpty: "Todavía no hay ninguna factura",
  ticketEmptyHint: "Escanee la factura del cliente o búsquela por sus datos (F2).",
  nextTitle: "Siguiente paso",
  scanTitle: "Escanee la factura",
  scanHint: "Pase el código de barras por el lector. También puede escribirlo aquí y pulsar Enter.",
  barcodeLabel: "Código de barras",
  searchByData: "Buscar por datos del cliente",
  findBill: "Buscar factura",
  searching: "Buscando la factura…",
  company: "Empresa",
  customer: "Cliente",
  description: "Detalle",
  total: "Total a pagar",
  openAmount: "Importe a cobrar",
  limits: (min: string, max: string) => `Mínimo ${min} · Máximo ${max}`,
  busy: (id: string) =>
    `Esta factura ya tiene un pago en curso (operación ${id}). Espere su resultado abajo, en «Pagos en curso», antes de cobrarla de nuevo.`,
  busyEnded: (id: string) =>
    `El pago en curso (operación ${id}) terminó. Vuelva a escanear la factura para ver si queda algo por cobrar.`,
  cashTitle: "Cobro en efectivo",
  received: "Efectivo recibido",
  receivedHint: "Vacío = el cliente paga justo.",
  toCharge: "A cobrar",
  change: "Vuelto",
  confirmCash: "Cobrar en efectivo",
  chooseBill: "Elija la factura a cobrar",
  billN: (n: number, of: number) => `Factura ${n} de ${of}`,
  waitingTitle: "Esperando al sistema de cobro",
  waitingSending: (left: number) => `Enviando el pago. Respuesta esperada en hasta ${left} s.`,
  waitingQuerying: (next: number) => `Sin respuesta todavía: se vuelve a consultar en ${next} s.`,
  waitingJournaled: "Pago registrado en la caja; se está por enviar.",
  waited: (s: string) => `Esperando hace ${s}`,
  meanwhile:
    "Mientras tanto puede atender al próximo cliente: escanee otra factura. El resultado aparecerá en «Pagos en curso».",
  approvedTitle: "Aprobado",
  changeToGive: "Vuelto a entregar",
  receiptTitle: "Comprobante",
  receiptPending: "El comprobante está llegando…",
  receiptPath: "Archivo PDF",
  rejectedTitle: "Rechazado",
  rejectedHint: "No se cobró nada: devuelva el dinero al cliente.",
  operation: (n: string) => `Operación ${n}`,
  newCustomer: "Nuevo cliente",
  reprint: "Reimprimir copia",
  copyDone: "Copia generada",
  chooserTitle: "El código corresponde a varias empresas",
  chooserHint: "Elija la empresa de la factura con ↑ ↓ y Enter, o con un clic.",
  code: "Código",
  searchTitle: "Buscar por datos del cliente",
  searchFilter: "Empresa (nombre o código)",
  searchNoCompanies: "Ninguna empresa coincide con el filtro.",
  searchLoading: "Cargando empresas…",
  searchModes: "¿Cómo quiere buscar la factura?",
  searchSubmit: "Buscar factura",
  optional: "opcional",
  changeCompany: "Cambiar empresa",
  inflightTitle: "Pagos en curso",
  inflightNone: "Ningún pago esperando respuesta.",
  inflightOldest: (n: number, s: string) => `Pagos en curso: ${n} (el más antiguo hace ${s})`,
  inflightZero: "Pagos en curso: 0",
  queueOldest: (n: number, s: string) => `Por enviar: ${n} (el más antiguo hace ${s})`,
  attention: (n: number) => `Para el supervisor: ${n}`,
  provisional: (n: number, held: string) => `Sin confirmar (sin conexión): ${n} · ${held}`,
  countdownSending: (s: number) => `respuesta en ≤ ${s} s`,
  countdownQuerying: (s: number) => `nueva consulta en ${s} s`,
  historyTitle: "Historial de cobros",
  historyEmpty: "Todavía no hay cobros en esta caja.",
  historyHint: "↑ ↓ elegir · Enter ver comprobante · C reimprimir copia · Esc volver",
  when: "Hora",
  amount: "Importe",
  state: "Estado",
  showReceipt: "Ver comprobante",
  noReceipt: "Sin comprobante",
  hubOk: "Sistema de cobro: conectado",
  hubDown: "Sistema de cobro: sin conexión",
  hubUnknown: "Sistema de cobro: verificando…",
  counter: "Caja",
  cashier: "Cajero",
  sandboxBanner: "MODO PRUEBA — conectado al simulador (sandbox)",
  help: "Ayuda",
  helpTitle: "Teclas",
  helpClose: "Esc o F1 para cerrar",
  keys: [
    ["F1", "Esta ayuda"],
    ["F2", "Buscar factura por datos del cliente"],
    ["F4", "Ir al ticket (importe a cobrar)"],
    ["F5", "Cobrar en efectivo (efectivo recibido)"],
    ["F8", "Historial y reimpresión de comprobantes"],
    ["Enter", "Confirmar la acción principal (buscar, elegir, cobrar, nuevo cliente)"],
    ["Esc", "Volver / cerrar / nuevo cliente"],
    ["↑ ↓", "Moverse en las listas"],
    ["Tab", "Pasar al campo siguiente"],
    ["C", "En el historial: reimprimir copia del comprobante"],
    ["Lector", "Escanear una factura funciona en cualquier pantalla y campo"],
  ] as [string, string][],
  unexpected: "Ocurrió un error inesperado en la pantalla. Intente de nuevo; si sigue igual, avise al supervisor.",
  seconds: (s: number) => formatDuration(s, "s", "min", "h"),
};

type Strings = typeof es;

const en: Strings = {
  appName: "Ventanilla",
  keysHint: "F1 Help",
  ticketTitle: "Customer's ticket",
  ticketEmpty: "No bill yet",
  ticketEmptyHint: "Scan the customer's bill or search it by customer data (F2).",
  nextTitle: "Next step",
  scanTitle: "Scan the bill",
  scanHint: "Pass the barcode under the scanner. You can also type it here and press Enter.",
  barcodeLabel: "Barcode",
  searchByData: "Search by customer data",
  findBill: "Find bill",
  searching: "Looking up the bill…",
  company: "Company",
  customer: "Customer",
  description: "Details",
  total: "Amount due",
  openAmount: "Amount to charge",
  limits: (min: string, max: string) => `Minimum ${min} · Maximum ${max}`,
  busy: (id: string) =>
    `This bill already has a payment in progress (operation ${id}). Wait for its result below, under 'Payments in progress', before charging it again.`,
  busyEnded: (id: string) =>
    `The payment in progress (operation ${id}) has ended. Scan the bill again to see whether anything is still due.`,
  cashTitle: "Cash payment",
  received: "Cash received",
  receivedHint: "Empty = exact cash.",
  toCharge: "To charge",
  change: "Change",
  confirmCash: "Charge in cash",
  chooseBill: "Choose the bill to charge",
  billN: (n: number, of: number) => `Bill ${n} of ${of}`,
  waitingTitle: "Waiting for the bill-payment system",
  waitingSending: (left: number) => `Sending the payment. Answer expected within ${left} s.`,
  waitingQuerying: (next: number) => `No answer yet: asking again in ${next} s.`,
  waitingJournaled: "Payment recorded at the counter; about to be sent.",
  waited: (s: string) => `Waiting for ${s}`,
  meanwhile:
    "Meanwhile you can serve the next customer: scan another bill. The result will show under 'Payments in progress'.",
  approvedTitle: "Approved",
  changeToGive: "Change to give",
  receiptTitle: "Receipt",
  receiptPending: "The receipt is on its way…",
  receiptPath: "PDF file",
  rejectedTitle: "Rejected",
  rejectedHint: "Nothing was charged: give the money back to the customer.",
  operation: (n: string) => `Operation ${n}`,
  newCustomer: "Next customer",
  reprint: "Reprint copy",
  copyDone: "Copy created",
  chooserTitle: "This code belongs to several companies",
  chooserHint: "Pick the bill's company with ↑ ↓ and Enter, or click it.",
  code: "Code",
  searchTitle: "Search by customer data",
  searchFilter: "Company (name or code)",
  searchNoCompanies: "No company matches the filter.",
  searchLoading: "Loading companies…",
  searchModes: "How do you want to find the bill?",
  searchSubmit: "Find bill",
  optional: "optional",
  changeCompany: "Change company",
  inflightTitle: "Payments in progress",
  inflightNone: "No payment waiting for an answer.",
  inflightOldest: (n: number, s: string) => `Payments in progress: ${n} (oldest ${s} ago)`,
  inflightZero: "Payments in progress: 0",
  queueOldest: (n: number, s: string) => `To send: ${n} (oldest ${s} ago)`,
  attention: (n: number) => `For the supervisor: ${n}`,
  provisional: (n: number, held: string) => `Unconfirmed (offline): ${n} · ${held}`,
  countdownSending: (s: number) => `answer within ${s} s`,
  countdownQuerying: (s: number) => `next check in ${s} s`,
  historyTitle: "Payment history",
  historyEmpty: "No payments at this counter yet.",
  historyHint: "↑ ↓ choose · Enter show receipt · C reprint copy · Esc back",
  when: "Time",
  amount: "Amount",
  state: "State",
  showReceipt: "Show receipt",
  noReceipt: "No receipt",
  hubOk: "Bill-payment system: connected",
  hubDown: "Bill-payment system: offline",
  hubUnknown: "Bill-payment system: checking…",
  counter: "Counter",
  cashier: "Cashier",
  sandboxBanner: "TEST MODE — connected to the simulator (sandbox)",
  help: "Help",
  helpTitle: "Keys",
  helpClose: "Esc or F1 to close",
  keys: [
    ["F1", "This help"],
    ["F2", "Find a bill by customer data"],
    ["F4", "Go to the ticket (amount to charge)"],
    ["F5", "Cash payment (cash received)"],
    ["F8", "History and receipt reprints"],
    ["Enter", "Confirm the main action (search, choose, charge, next customer)"],
    ["Esc", "Back / close / next customer"],
    ["↑ ↓", "Move in lists"],
    ["Tab", "Next field"],
    ["C", "In the history: reprint a copy of the receipt"],
    ["Scanner", "Scanning a bill works on any screen and in any field"],
  ],
  unexpected: "Something unexpected went wrong on the screen. Try again; if it persists, tell your supervisor.",
  seconds: (s: number) => formatDuration(s, "s", "min", "h"),
};

function formatDuration(s: number, sec: string, min: string, hour: string): string {
  const n = Math.max(0, Math.floor(s));
  if (n < 60) return `${n} ${sec}`;
  if (n < 3600) return `${Math.floor(n / 60)} ${min} ${n % 60} ${sec}`;
  return `${Math.floor(n / 3600)} ${hour} ${Math.floor((n % 3600) / 60)} ${min}`;
}

let current: Strings = es;

export function setLocale(l: Locale): void {
  current = l === "en" ? en : es;
  document.documentElement.lang = l;
}

/** The strings of the current locale. */
export function t(): Strings {
  return current;
}

/**
 * A rejection reason split for the screen: the plain sentence (big) and the hub's own words
 * (small, for support). The app sends "<plain sentence> (<hub message>)"; a bare hub message
 * ("409_BILL_ALREADY_PAID - ...") is explained here for the codes the hub documents.
 */
export function rejectionText(reason: string | null, locale: Locale): { plain: string; detail: string } {
  const r = (reason ?? "").trim();
  if (!r) return { plain: "", detail: "" };
  const wrapped = /^(.*?)\s*\((.*)\)$/s.exec(r);
  if (wrapped && wrapped[1] && !/^\d{3}_[A-Z_]+/.test(wrapped[1])) {
    return { plain: wrapped[1], detail: wrapped[2] ?? "" };
  }
  const m = /^\s*(\d{3}_[A-Z_]+)\s*-\s*(.*)$/s.exec(r);
  const code = m?.[1] ?? "";
  const known: Record<string, [string, string]> = {
    "409_BILL_ALREADY_PAID": ["La factura ya estaba pagada.", "The bill had already been paid."],
    "422_BILL_EXPIRED": ["La factura está vencida y no puede cobrarse.", "The bill is past due and cannot be paid."],
    "408_COMPANY_TIMEOUT": [
      "La empresa no respondió a tiempo. Intente nuevamente más tarde.",
      "The company did not answer in time. Try again later.",
    ],
    "503_COMPANY_UNAVAILABLE": [
      "La empresa está momentáneamente fuera de servicio. Intente más tarde.",
      "The company is temporarily out of service. Try later.",
    ],
    "402_INSUFFICIENT_CREDIT": [
      "El comercio no tiene saldo suficiente en el sistema de cobro. Avise al supervisor.",
      "The shop's account has not enough credit. Tell your supervisor.",
    ],
  };
  const k = known[code];
  if (k) return { plain: locale === "en" ? k[1] : k[0], detail: r };
  return { plain: m?.[2]?.trim() || r, detail: m ? r : "" };
}
