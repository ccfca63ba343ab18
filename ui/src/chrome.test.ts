// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AppInfo, SaleView, StatusView } from "./bindings";

// The status bar never calls the app; the real module would reach for Tauri.
vi.mock("./api", async (original) => {
  const real = await original<typeof import("./api")>();
  return { ...real, api: {} };
});

const state = await import("./state");
const { el, initState } = state;
const { renderInflight, renderStatus } = await import("./chrome");

const money = (display: string, amount: string) => ({ amount, currency: "ARS", display });

const FULL =
  "No hay espacio para guardar en el diario: los cobros pendientes esperan. Avise al supervisor para liberar espacio.";

function status(journalRefusing: boolean): StatusView {
  return {
    links: [{ gateway: "traxion", name: "Sistema de cobro", state: "online", label: "conectado", lastSuccessAt: null }],
    queueDepth: 1,
    oldestQueuedSecs: 12,
    lastSyncAt: null,
    attention: 0,
    provisionalPending: 0,
    contingency: {
      enabled: false,
      perPaymentCap: money("$ 50.000,00", "50000.00"),
      totalCap: money("$ 500.000,00", "500000.00"),
      windowHours: 72,
      heldOffline: money("$ 0,00", "0.00"),
      available: false,
    },
    journalRefusing,
    warning: journalRefusing ? FULL : null,
  };
}

const querying: SaleView = {
  id: 3,
  clientTransactionId: "x",
  companyName: "DIRECT TV",
  customerId: "0086108279",
  barcode: null,
  amount: money("$ 2.748,00", "2748.00"),
  tender: "cash",
  received: money("$ 2.748,00", "2748.00"),
  change: money("$ 0,00", "0.00"),
  state: "querying",
  stateLabel: "Consultando",
  isFinal: false,
  reason: null,
  hubReason: null,
  hubNumber: null,
  createdAt: new Date().toISOString(),
  waitedSecs: 12,
  nextCheckInSecs: 5,
  answerTimeoutSecs: 60,
  receiptReady: false,
  provisional: false,
};

describe("the status bar when the journal is full", () => {
  beforeEach(() => {
    document.body.innerHTML = "";
    initState({ locale: "es", counter: "Caja 1", cashier: "Ana", version: "0", sandbox: true, hubUrl: "", scanGapMs: 50, payTimeoutSecs: 60, dataDir: "" } as AppInfo);
    for (const k of ["ticket", "next", "inflight", "status", "overlay", "toasts"] as const) {
      el[k] = document.createElement("div");
      document.body.append(el[k]);
    }
    state.S.inflight.set(querying.id, { sale: querying, at: performance.now() });
  });

  it("warns the cashier, and the payments in progress say what they wait for", () => {
    state.S.status = status(true);
    renderStatus();
    renderInflight();
    const warning = document.getElementById("status-warning");
    expect(warning?.getAttribute("role")).toBe("alert");
    expect(warning?.textContent).toContain("No hay espacio para guardar en el diario");
    expect(warning?.getAttribute("data-journal-refusing")).toBe("true");
    const countdown = el.inflight.querySelector(".strip-countdown")?.textContent;
    expect(countdown).toBe("esperando poder guardar en el diario");
  });

  it("goes back to the countdown once the journal takes writes again", () => {
    state.S.status = status(false);
    renderStatus();
    renderInflight();
    expect(document.getElementById("status-warning")).toBeNull();
    const countdown = el.inflight.querySelector(".strip-countdown")?.textContent;
    expect(countdown).toMatch(/^nueva consulta en \d+ s$/);
  });
});
