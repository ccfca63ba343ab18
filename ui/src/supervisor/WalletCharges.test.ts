// F9's "Cobros con billetera": charges whose answer was lost, settled with the customer's txid or
// as nothing taken (after a confirmation), wallet money to hand back marked "Devuelto" with who
// handed it back, and the ones handed back shown as done.
import { tick } from "svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../generated/ipc", () => import("../testing/ipc-mock"));

const { commands: calls, resetCommands } = await import("../testing/ipc-mock");
const { screen } = await import("../lib/state.svelte");
const { money, status, walletCharge } = await import("../testing/fixtures");
const { press, settle, showApp, text } = await import("../testing/render");
const { openSupervisor, supervisorEnter } = await import("./supervisor");

const TXID = "9b1c2d3e4f5061728394a5b6c7d8e9f00112233445566778899aabbccddeeff0";

const unknown = walletCharge({ reference: "wal-1", amount: money("$ 1.000,00", "1000.00"), state: "unknown" });
const due = walletCharge({ reference: "wal-2", amount: money("$ 500,00", "500.00"), state: "refund_due", txid: TXID });
const done = walletCharge({ reference: "wal-3", amount: money("$ 250,00", "250.00"), state: "refunded", txid: TXID, refundedBy: "Marta" });

function typeInto(id: string, value: string): void {
  const input = document.getElementById(id) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

describe("the supervisor's wallet charges", () => {
  beforeEach(async () => {
    resetCommands();
    showApp();
    screen.status = status("online");
    calls.status.mockResolvedValue(status("online"));
    calls.needsAttention.mockResolvedValue([]);
    calls.cardStrays.mockResolvedValue([]);
    calls.walletAttention.mockResolvedValue([unknown, due, done]);
    openSupervisor();
    await settle();
  });

  it("lists each with its state in words, its amount and txid; the refunded ones as done", () => {
    expect(text("#wallets-title")).toBe("Cobros con billetera (2)");
    expect(document.getElementById("wallet-0")?.dataset.state).toBe("unknown");
    expect(text("#wallet-state-0")).toContain("Sin respuesta: puede que se haya cobrado");
    expect(text("#wallet-0")).toContain("$ 1.000,00");
    expect(text("#wallet-0")).toMatch(/Iniciado a las \d.* \(hace 2 min/);
    expect(document.getElementById("wallet-txid-0")).not.toBeNull();
    expect(document.getElementById("wallet-settle-0")?.textContent).toContain("Resolver");
    expect(text("#wallet-state-1")).toContain("Cobrado sin venta: devolver al cliente");
    expect(text("#wallet-txid-shown-1")).toBe(`txid ${TXID}`);
    expect(document.getElementById("wallet-refund-1")?.textContent).toContain("Devuelto");
    expect(text("#wallet-done-2")).toContain("Devuelto (confirmó Marta)");
    expect(document.getElementById("wallet-refund-2")).toBeNull();
  });

  it("settles a charge with the txid typed; an empty one is asked for, not sent", async () => {
    supervisorEnter(document.getElementById("wallet-txid-0"));
    await settle();
    expect(calls.walletSettleUnknown).not.toHaveBeenCalled();
    expect(text("#wallet-error")).toContain("Escriba el txid");
    typeInto("wallet-txid-0", `  ${TXID} `);
    calls.walletSettleUnknown.mockResolvedValue(null);
    calls.walletAttention.mockResolvedValue([{ ...unknown, state: "refund_due", txid: TXID }, due, done]);
    (document.getElementById("wallet-settle-0") as HTMLButtonElement).click();
    await settle();
    expect(calls.walletSettleUnknown).toHaveBeenCalledWith("wal-1", TXID);
    expect(text("#wallet-note")).toContain("Resuelto: el cobro de $ 1.000,00");
    expect(document.getElementById("wallet-0")?.dataset.state).toBe("refund_due");
    expect(document.getElementById("wallet-error")).toBeNull();
  });

  it("shows the app's refusal of a txid in its words, by the charge", async () => {
    typeInto("wallet-txid-0", "abc");
    calls.walletSettleUnknown.mockRejectedValue({
      code: "NotFound",
      message: "La billetera no reconoce esa transacción como un cobro de esta caja: revise el txid.",
    });
    supervisorEnter(document.getElementById("wallet-txid-0"));
    await settle();
    expect(text("#wallet-0 #wallet-error")).toContain("revise el txid");
    expect(document.activeElement?.id).toBe("wallet-txid-0");
  });

  it("records that nothing was taken only once confirmed; Esc drops the question", async () => {
    (document.getElementById("wallet-none-0") as HTMLButtonElement).click();
    await settle();
    expect(text("#wallet-none-q")).toContain("no muestra este pago de $ 1.000,00");
    expect(document.activeElement?.id).toBe("wallet-none-no");
    press("Escape");
    await settle();
    expect(document.getElementById("wallet-none-q")).toBeNull();
    expect(screen.overlay).toBe("supervisor");
    expect(document.activeElement?.id).toBe("wallet-none-0");
    expect(calls.walletSettleUnknown).not.toHaveBeenCalled();

    (document.getElementById("wallet-none-0") as HTMLButtonElement).click();
    await settle();
    calls.walletSettleUnknown.mockResolvedValue(null);
    calls.walletAttention.mockResolvedValue([due, done]);
    (document.getElementById("wallet-none-yes") as HTMLButtonElement).click();
    await settle();
    expect(calls.walletSettleUnknown).toHaveBeenCalledWith("wal-1", "");
    expect(text("#wallet-note")).toContain("no se cobró");
    expect(text("#wallets-title")).toBe("Cobros con billetera (1)");
  });

  it("asks who handed wallet money back, then tells the app", async () => {
    (document.getElementById("wallet-refund-1") as HTMLButtonElement).click();
    await settle();
    expect(document.activeElement?.id).toBe("wallet-by");
    supervisorEnter(document.getElementById("wallet-by"));
    await settle();
    expect(calls.walletRefunded).not.toHaveBeenCalled();
    expect(text("#wallet-error")).toContain("Escriba el nombre");
    typeInto("wallet-by", "Marta Gómez");
    await tick();
    calls.walletRefunded.mockResolvedValue(null);
    calls.walletAttention.mockResolvedValue([unknown, { ...due, state: "refunded", refundedBy: "Marta Gómez" }, done]);
    supervisorEnter(document.getElementById("wallet-by"));
    await settle();
    expect(calls.walletRefunded).toHaveBeenCalledWith("wal-2", "Marta Gómez");
    expect(text("#wallet-done-1")).toContain("Devuelto (confirmó Marta Gómez)");
    expect(text("#wallet-note")).toContain("Devolución confirmada: $ 500,00");
    expect(text("#wallets-title")).toBe("Cobros con billetera (1)");
  });

  it("says when nothing is pending", async () => {
    calls.walletAttention.mockResolvedValue([]);
    screen.statusAt = performance.now() + 1;
    await settle();
    expect(text("#wallets-empty")).toBe("Ningún cobro con billetera pendiente.");
  });
});
