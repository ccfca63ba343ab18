// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AppInfo, AttentionView, ContingencyView, StatusView } from "./bindings";

const calls = vi.hoisted(() => ({
  setContingency: vi.fn(),
  needsAttention: vi.fn(),
  resolveAttention: vi.fn(),
  retryAttention: vi.fn(),
  status: vi.fn(),
}));

vi.mock("./api", async (original) => {
  const real = await original<typeof import("./api")>();
  return { ...real, api: { ...real.api, ...calls } };
});

const state = await import("./state");
const { el, initState } = state;
const { openSupervisor, saveContingency, supervisorEnter } = await import("./supervisor");

const money = (display: string, amount: string) => ({ amount, currency: "ARS", display });

function contingency(enabled: boolean): ContingencyView {
  return {
    enabled,
    perPaymentCap: money("$ 50.000,00", "50000.00"),
    totalCap: money("$ 500.000,00", "500000.00"),
    windowHours: 72,
    heldOffline: money("$ 0,00", "0.00"),
    available: false,
  };
}

function status(): StatusView {
  return {
    links: [{ gateway: "traxion", name: "Sistema de cobro", state: "offline", label: "sin conexión", lastSuccessAt: null }],
    queueDepth: 0,
    oldestQueuedSecs: null,
    lastSyncAt: null,
    attention: 1,
    provisionalPending: 0,
    contingency: contingency(false),
    journalRefusing: false,
    warning: null,
  };
}

const item: AttentionView = {
  outboxId: 7,
  reason: "El sistema de cobro rechazó un cobro hecho sin conexión: devuelva $ 2.748,00 al cliente 0086108279 (DIRECT TV) y márquelo como resuelto.",
  hubReason: "409_BILL_ALREADY_PAID - Factura ya pagada",
  since: new Date().toISOString(),
  attempts: 3,
  lastError: "connection reset",
  sale: {
    id: 2,
    clientTransactionId: "x",
    companyName: "DIRECT TV",
    customerId: "0086108279",
    barcode: null,
    amount: money("$ 2.748,00", "2748.00"),
    tender: "cash",
    received: money("$ 2.748,00", "2748.00"),
    change: money("$ 0,00", "0.00"),
    state: "rejected",
    stateLabel: "Rechazado",
    isFinal: true,
    reason: "La factura ya estaba pagada.",
    hubReason: "409_BILL_ALREADY_PAID",
    hubNumber: null,
    createdAt: new Date().toISOString(),
    waitedSecs: 0,
    nextCheckInSecs: null,
    answerTimeoutSecs: 60,
    receiptReady: false,
    provisional: true,
  },
};

// jsdom lays nothing out.
Element.prototype.scrollIntoView = function () {};

const flush = () => new Promise((r) => setTimeout(r, 0));

function typeInto(id: string, value: string): void {
  const input = document.getElementById(id) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

describe("the supervisor panel", () => {
  beforeEach(() => {
    document.body.innerHTML = "";
    initState({ locale: "es", counter: "Caja 1", cashier: "Ana", version: "0", sandbox: true, hubUrl: "", scanGapMs: 50, payTimeoutSecs: 60, dataDir: "" } as AppInfo);
    for (const k of ["ticket", "next", "inflight", "status", "overlay", "toasts"] as const) {
      el[k] = document.createElement("div");
      document.body.append(el[k]);
    }
    state.S.status = status();
    calls.status.mockResolvedValue(status());
    calls.needsAttention.mockResolvedValue([item]);
    for (const f of Object.values(calls)) f.mockClear();
  });

  it("saves what was typed, and shows the app's refusal in its words", async () => {
    openSupervisor();
    await flush();
    expect(document.activeElement?.id).toBe("cont-enabled");
    (document.getElementById("cont-enabled") as HTMLButtonElement).click();
    expect(document.getElementById("cont-enabled")?.getAttribute("aria-checked")).toBe("true");
    typeInto("cont-per", "60000");
    expect(document.getElementById("cont-unsaved")).not.toBeNull();

    calls.setContingency.mockRejectedValueOnce({ code: "Validation", message: "El tope total debe ser mayor." });
    await saveContingency();
    expect(calls.setContingency).toHaveBeenCalledWith(true, "60000", "500000", 72);
    expect(document.getElementById("cont-error")?.textContent).toContain("El tope total debe ser mayor.");

    const saved = { ...contingency(true), perPaymentCap: money("$ 60.000,00", "60000.00") };
    calls.setContingency.mockResolvedValueOnce(saved);
    calls.status.mockResolvedValue({ ...status(), contingency: saved });
    supervisorEnter(document.getElementById("cont-per"));
    await flush();
    expect(document.getElementById("cont-saved")?.textContent).toContain("habilitados");
    expect(state.S.status?.contingency.enabled).toBe(true);
  });

  it("refuses a window that is not whole hours without calling the app", async () => {
    openSupervisor();
    await flush();
    typeInto("cont-hours", "1,5");
    await saveContingency();
    expect(calls.setContingency).not.toHaveBeenCalled();
    expect(document.getElementById("cont-error")?.textContent).toContain("número entero");
    expect(document.activeElement?.id).toBe("cont-hours");
  });

  it("lists what needs attention and resolves it with the note", async () => {
    openSupervisor();
    await flush();
    await flush();
    const row = document.getElementById("att-0");
    expect(row?.textContent).toContain("DIRECT TV");
    expect(row?.textContent).toContain("Cobrado sin conexión");
    expect(row?.textContent).toContain("Intentos: 3");
    expect(row?.textContent).toContain("connection reset");

    (document.getElementById("att-resolve-0") as HTMLButtonElement).click();
    expect(document.activeElement?.id).toBe("att-note");
    typeInto("att-note", "reintegro entregado");
    calls.resolveAttention.mockResolvedValueOnce(null);
    calls.needsAttention.mockResolvedValueOnce([]);
    supervisorEnter(document.getElementById("att-note"));
    await flush();
    await flush();
    expect(calls.resolveAttention).toHaveBeenCalledWith(7, "reintegro entregado");
    expect(document.getElementById("att-empty")).not.toBeNull();
  });
});
