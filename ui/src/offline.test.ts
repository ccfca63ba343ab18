import { describe, expect, it } from "vitest";
import type { SaleView, StatusView } from "./bindings";
import { capText, cashMode, hubOffline, oldestQueued, parseHours, reasonText, saleBadge } from "./offline";

const money = (display: string, amount = "0.00") => ({ amount, currency: "ARS", display });

function status(state: string, enabled: boolean, extra: Partial<StatusView> = {}): StatusView {
  return {
    links: [{ gateway: "traxion", name: "Sistema de cobro", state, label: state, lastSuccessAt: null }],
    queueDepth: 0,
    oldestQueuedSecs: null,
    lastSyncAt: null,
    attention: 0,
    provisionalPending: 0,
    contingency: {
      enabled,
      perPaymentCap: money("$ 50.000,00", "50000.00"),
      totalCap: money("$ 500.000,00", "500000.00"),
      windowHours: 72,
      heldOffline: money("$ 0,00"),
      available: enabled && state === "offline",
    },
    journalRefusing: false,
    warning: null,
    ...extra,
  };
}

function sale(over: Partial<SaleView>): SaleView {
  return {
    id: 1,
    clientTransactionId: "x",
    companyName: "DIRECT TV",
    customerId: "1",
    barcode: null,
    amount: money("$ 1,00"),
    tender: "cash",
    received: money("$ 1,00"),
    change: money("$ 0,00"),
    state: "journaled",
    stateLabel: "Registrado",
    isFinal: false,
    reason: null,
    hubReason: null,
    hubNumber: null,
    createdAt: "2025-01-01T00:00:00Z",
    waitedSecs: 0,
    nextCheckInSecs: null,
    answerTimeoutSecs: 60,
    receiptReady: false,
    provisional: false,
    ...over,
  };
}

describe("cashMode", () => {
  it("offers the provisional receipt only when the app says contingency is available", () => {
    expect(cashMode(null)).toBe("online");
    expect(cashMode(status("online", true))).toBe("online");
    expect(cashMode(status("degraded", true))).toBe("online");
    expect(cashMode(status("offline", true))).toBe("offline-contingency");
    expect(cashMode(status("offline", false))).toBe("offline-disabled");
  });

  it("knows when the hub is down", () => {
    expect(hubOffline(status("offline", false))).toBe(true);
    expect(hubOffline(status("degraded", false))).toBe(false);
    expect(hubOffline(null)).toBe(false);
  });
});

describe("saleBadge", () => {
  it("marks offline sales until the hub settles them, and remembers them after", () => {
    expect(saleBadge(sale({}))).toBeNull();
    expect(saleBadge(sale({ provisional: true }))).toBe("provisional");
    expect(saleBadge(sale({ provisional: true, state: "approved", isFinal: true }))).toBe("taken-offline");
  });
});

describe("reasonText", () => {
  it("shows the cashier's sentence whole, parentheses and all, with the hub's words apart", () => {
    const r = reasonText({
      reason: "La factura ya estaba pagada: no se cobró. Devuelva el dinero al cliente (si lo entregó).",
      hubReason: "409_BILL_ALREADY_PAID - Factura con barra: 057 ya ha sido pagada",
    });
    expect(r.plain).toBe("La factura ya estaba pagada: no se cobró. Devuelva el dinero al cliente (si lo entregó).");
    expect(r.detail).toMatch(/^409_BILL_ALREADY_PAID/);
  });

  it("falls back to the hub's words, and keeps empty reasons empty", () => {
    expect(reasonText({ reason: null, hubReason: "999 - Algo" })).toEqual({ plain: "999 - Algo", detail: "" });
    expect(reasonText({ reason: null, hubReason: null })).toEqual({ plain: "", detail: "" });
  });
});

describe("supervisor form", () => {
  it("takes whole hours only", () => {
    expect(parseHours(" 72 ")).toBe(72);
    expect(parseHours("")).toBeNull();
    expect(parseHours("1.5")).toBeNull();
    expect(parseHours("doce")).toBeNull();
  });

  it("shows caps without a zero fraction", () => {
    expect(capText("50000.00")).toBe("50000");
    expect(capText("1234.50")).toBe("1234.50");
    expect(capText("7")).toBe("7");
  });
});

describe("oldestQueued", () => {
  it("ages the oldest operation between two status reports", () => {
    expect(oldestQueued(status("offline", false), 3)).toBeNull();
    expect(oldestQueued(status("offline", false, { queueDepth: 2, oldestQueuedSecs: 10 }), 3)).toBe(13);
  });
});
