import { describe, expect, it } from "vitest";
import { sale, status } from "../testing/fixtures";
import { capText, cashMode, hasReceipt, hubOffline, hubReachable, oldestQueued, parseHours, reasonText, saleBadge } from "./offline";

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

describe("hubReachable and hasReceipt", () => {
  it("tells a link that answers, and which sales have a receipt to show", () => {
    expect(hubReachable(status("online", false))).toBe(true);
    expect(hubReachable(status("degraded", false))).toBe(true);
    expect(hubReachable(status("offline", false))).toBe(false);
    expect(hubReachable(null)).toBe(false);
    expect(hasReceipt(sale({ state: "rejected", isFinal: true, receipt: "noReceipt" }))).toBe(false);
    expect(hasReceipt(sale({ state: "approved", isFinal: true, receipt: "coming" }))).toBe(false);
    expect(hasReceipt(sale({ receipt: "awaitingAnswer" }))).toBe(false);
    expect(hasReceipt(sale({ provisional: true, receipt: "provisional" }))).toBe(true);
    expect(hasReceipt(sale({ state: "approved", isFinal: true, receiptReady: true, receipt: "ready" }))).toBe(true);
  });
});
