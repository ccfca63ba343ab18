// Ported from supervisor.test.ts: the F9 panel, keyboard and app answers.
import { tick } from "svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AttentionView, CardStrayView } from "../generated/ipc";

vi.mock("../generated/ipc", () => import("../testing/ipc-mock"));

const { commands: calls, resetCommands } = await import("../testing/ipc-mock");
const { screen } = await import("../lib/state.svelte");
const { contingency, money, rejected, status } = await import("../testing/fixtures");
const { settle, showApp, text } = await import("../testing/render");
const { openSupervisor, saveContingency, supervisorBack, supervisorEnter } = await import("./supervisor");
const { statusChanged } = await import("../status/link");

function offline() {
  return status("offline", false, { attention: 1 });
}

const item: AttentionView = {
  outboxId: 7,
  title: "DIRECT TV",
  customerId: "0086108279",
  amount: money("$ 2.748,00", "2748.00"),
  reason: "El sistema de cobro rechazó un cobro hecho sin conexión: devuelva $ 2.748,00 al cliente 0086108279 (DIRECT TV) y márquelo como resuelto.",
  hubReason: "409_BILL_ALREADY_PAID - Factura ya pagada",
  since: new Date().toISOString(),
  attempts: 3,
  lastError: "connection reset",
  sale: rejected({ id: 2, provisional: true, reason: "La factura ya estaba pagada.", hubReason: "409_BILL_ALREADY_PAID", received: money("$ 2.748,00", "2748.00") }),
};

function typeInto(id: string, value: string): void {
  const input = document.getElementById(id) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

describe("the supervisor panel", () => {
  beforeEach(() => {
    resetCommands();
    showApp();
    screen.status = offline();
    calls.status.mockResolvedValue(offline());
    calls.needsAttention.mockResolvedValue([item]);
  });

  it("saves what was typed, and shows the app's refusal in its words", async () => {
    openSupervisor();
    await settle();
    expect(document.activeElement?.id).toBe("cont-enabled");
    (document.getElementById("cont-enabled") as HTMLButtonElement).click();
    await tick();
    expect(document.getElementById("cont-enabled")?.getAttribute("aria-checked")).toBe("true");
    typeInto("cont-per", "60000");
    await tick();
    expect(document.getElementById("cont-unsaved")).not.toBeNull();

    calls.setContingency.mockRejectedValueOnce({ code: "Validation", message: "El tope total debe ser mayor." });
    await saveContingency();
    await tick();
    expect(calls.setContingency).toHaveBeenCalledWith(true, "60000", "500000", 72);
    expect(document.getElementById("cont-error")?.textContent).toContain("El tope total debe ser mayor.");

    const saved = { ...contingency(true), perPaymentCap: money("$ 60.000,00", "60000.00") };
    calls.setContingency.mockResolvedValueOnce(saved);
    calls.status.mockResolvedValue({ ...offline(), contingency: saved });
    supervisorEnter(document.getElementById("cont-per"));
    await settle();
    expect(document.getElementById("cont-saved")?.textContent).toContain("habilitados");
    expect(screen.status?.contingency.enabled).toBe(true);
  });

  it("refuses a window that is not whole hours without calling the app", async () => {
    openSupervisor();
    await settle();
    typeInto("cont-hours", "1,5");
    await saveContingency();
    expect(calls.setContingency).not.toHaveBeenCalled();
    expect(document.getElementById("cont-error")?.textContent).toContain("número entero");
    expect(document.activeElement?.id).toBe("cont-hours");
  });

  it("lists what needs attention and resolves it with the note", async () => {
    openSupervisor();
    await settle();
    const row = document.getElementById("att-0");
    expect(row?.textContent).toContain("DIRECT TV");
    expect(row?.textContent).toContain("Cobrado sin conexión");
    expect(row?.textContent).toContain("Intentos: 3");
    expect(row?.textContent).toContain("connection reset");

    (document.getElementById("att-resolve-0") as HTMLButtonElement).click();
    await settle();
    expect(document.activeElement?.id).toBe("att-note");
    typeInto("att-note", "reintegro entregado");
    calls.resolveAttention.mockResolvedValueOnce(null);
    calls.needsAttention.mockResolvedValueOnce([]);
    supervisorEnter(document.getElementById("att-note"));
    await settle();
    expect(calls.resolveAttention).toHaveBeenCalledWith(7, "reintegro entregado");
    expect(document.getElementById("att-empty")).not.toBeNull();
  });
});

const stray: CardStrayView = {
  captureId: "cap-1",
  amount: money("$ 1.000,00", "1000.00"),
  label: "Tarjeta •••• 1111 (INCA-0000000432): llegó después de que el cobro venció o se canceló",
  foundAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  refundedBy: null,
};

const done: CardStrayView = {
  captureId: "cap-2",
  amount: money("$ 500,00", "500.00"),
  label: "Tarjeta •••• 4444 (INCA-0000000433): segundo cobro para el mismo pago",
  foundAt: new Date(Date.now() - 60 * 60_000).toISOString(),
  refundedBy: "Marta",
};

describe("card charges to refund", () => {
  beforeEach(() => {
    resetCommands();
    showApp();
    screen.status = offline();
    calls.status.mockResolvedValue(offline());
    calls.needsAttention.mockResolvedValue([]);
    calls.cardStrays.mockResolvedValue([stray, done]);
  });

  it("lists them with their amount and when they were found, the refunded ones as done", async () => {
    openSupervisor();
    await settle();
    expect(document.getElementById("strays-title")?.textContent).toBe("Cobros con tarjeta para devolver (1)");
    const row = document.getElementById("stray-0");
    expect(row?.dataset.refunded).toBe("false");
    expect(text("#stray-0")).toContain("Tarjeta •••• 1111 (INCA-0000000432)");
    expect(text("#stray-0")).toContain("$ 1.000,00");
    expect(text("#stray-0")).toMatch(/Encontrado a las \d.* \(hace 5 min/);
    expect(document.getElementById("stray-refund-0")?.textContent).toContain("Devuelto");
    expect(document.getElementById("stray-1")?.dataset.refunded).toBe("true");
    expect(document.getElementById("stray-done-1")?.textContent).toContain("Devuelto (confirmó Marta)");
    expect(document.getElementById("stray-refund-1")).toBeNull();
  });

  it("asks who handed the money back, then tells the app", async () => {
    openSupervisor();
    await settle();
    (document.getElementById("stray-refund-0") as HTMLButtonElement).click();
    await settle();
    expect(document.activeElement?.id).toBe("stray-by");
    // No name: nothing is sent.
    supervisorEnter(document.getElementById("stray-by"));
    await settle();
    expect(calls.cardStrayRefunded).not.toHaveBeenCalled();
    expect(document.getElementById("stray-error")?.textContent).toContain("Escriba el nombre");
    typeInto("stray-by", "Marta Gómez");
    calls.cardStrayRefunded.mockResolvedValueOnce(null);
    calls.cardStrays.mockResolvedValue([{ ...stray, refundedBy: "Marta Gómez" }, done]);
    supervisorEnter(document.getElementById("stray-by"));
    await settle();
    expect(calls.cardStrayRefunded).toHaveBeenCalledWith("cap-1", "Marta Gómez");
    expect(document.getElementById("stray-by")).toBeNull();
    expect(document.getElementById("stray-done-0")?.textContent).toContain("Devuelto (confirmó Marta Gómez)");
    expect(document.getElementById("stray-note")?.textContent).toContain("Devolución confirmada: $");
    expect(document.getElementById("strays-title")?.textContent).toBe("Cobros con tarjeta para devolver (0)");
  });

  it("shows the app's refusal, and Esc gives up the name without sending it", async () => {
    openSupervisor();
    await settle();
    (document.getElementById("stray-refund-0") as HTMLButtonElement).click();
    await settle();
    typeInto("stray-by", "Marta");
    calls.cardStrayRefunded.mockRejectedValueOnce({ code: "NotFound", message: "Ese cobro con tarjeta no tiene devolución pendiente." });
    supervisorEnter(document.getElementById("stray-by"));
    await settle();
    expect(document.getElementById("stray-error")?.textContent).toContain("no tiene devolución pendiente");
    expect(supervisorBack()).toBe(true);
    await settle();
    expect(document.getElementById("stray-by")).toBeNull();
    expect(document.activeElement?.id).toBe("stray-refund-0");
    expect(calls.cardStrayRefunded).toHaveBeenCalledTimes(1);
  });

  it("shows a card charge kept while the panel is open, with the app's next status", async () => {
    calls.cardStrays.mockResolvedValue([]);
    openSupervisor();
    await settle();
    expect(document.getElementById("strays-empty")).not.toBeNull();
    calls.cardStrays.mockResolvedValue([stray]);
    statusChanged(offline());
    await settle();
    expect(document.getElementById("stray-0")?.dataset.capture).toBe("cap-1");
  });
});
