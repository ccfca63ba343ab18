// A sale that settles while the cashier serves someone else: a toast that says the state once,
// sits in the ticket column (never over the next-step panel's buttons), and does not pile up.
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../generated/ipc", () => import("../testing/ipc-mock"));

const { resetCommands } = await import("../testing/ipc-mock");
const { approved, rejected, sale } = await import("../testing/fixtures");
const { settle, showApp, text } = await import("../testing/render");
const { screen, MAX_TOASTS } = await import("../lib/state.svelte");
const { saleChanged } = await import("./track");
const { toast } = await import("./toasts");

describe("toasts", () => {
  beforeEach(() => {
    resetCommands();
    showApp();
  });

  it("say the state word once", async () => {
    toast(approved());
    await settle();
    const t = text(".toast");
    expect(t.match(/Aprobado/g)).toHaveLength(1);
    expect(t).toContain("DIRECT TV");
    expect(t).toContain("$ 2.748,00");
  });

  it("tell why a rejected sale was rejected, once", async () => {
    toast(rejected());
    await settle();
    const t = text(".toast");
    expect(t.match(/Rechazado/g)).toHaveLength(1);
    expect(t).toContain("La factura ya estaba pagada");
  });

  it("sit in the ticket column, in the page's flow", async () => {
    toast(approved());
    await settle();
    const box = document.getElementById("toasts");
    expect(box?.closest(".ticket")).not.toBeNull();
    expect(box?.closest(".next")).toBeNull();
  });

  it("come for a sale in progress that settles elsewhere, and are capped", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    for (let id = 1; id <= MAX_TOASTS + 2; id++) {
      screen.inflight = new Map([[id, { sale: sale({ id }), at: performance.now() }]]);
      saleChanged(approved({ id }));
    }
    await vi.advanceTimersByTimeAsync(1000);
    expect(screen.toasts).toHaveLength(MAX_TOASTS);
    await vi.advanceTimersByTimeAsync(13000);
    expect(screen.toasts).toHaveLength(0);
    vi.useRealTimers();
  });
});
