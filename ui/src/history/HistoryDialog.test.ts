// F8: a rejected sale is told as past (no refund order in red), and asking for its receipt says
// rejected sales have none, without asking the app.
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../generated/ipc", () => import("../testing/ipc-mock"));

const { commands, resetCommands } = await import("../testing/ipc-mock");
const { approved, receiptFile, rejected } = await import("../testing/fixtures");
const { press, pressEnter, settle, showApp, text } = await import("../testing/render");
const { openHistory } = await import("./history");

describe("the history", () => {
  beforeEach(async () => {
    resetCommands();
    showApp();
    commands.history.mockResolvedValue([rejected({ id: 9 }), approved({ id: 8 })]);
    await openHistory();
    await settle();
  });

  it("tells a rejected sale as past: what happened, no instruction to give money back", () => {
    const reason = document.getElementById("history-reason");
    expect(reason?.dataset.past).toBe("true");
    expect(text("#history-reason")).toBe("La factura ya estaba pagada: no se cobró.");
    expect(text(".history-detail")).not.toMatch(/devuelva/i);
    expect(document.getElementById("money-back")).toBeNull();
    expect(text("#history-no-receipt")).toContain("Los cobros rechazados no tienen comprobante");
  });

  it("answers Enter on a rejected sale without asking the app for a receipt", async () => {
    expect(document.activeElement?.id).toBe("hist-0");
    pressEnter();
    await settle();
    expect(commands.receiptPdf).not.toHaveBeenCalled();
    expect(text("#history-no-receipt")).toContain("no tienen comprobante");
    expect(text(".history-detail")).not.toMatch(/segundos/);
  });

  it("shows an approved sale's receipt, saying it was saved (not its path)", async () => {
    commands.receiptPdf.mockResolvedValue(receiptFile(8));
    press("ArrowDown");
    await settle();
    expect(document.activeElement?.id).toBe("hist-1");
    pressEnter();
    await settle();
    expect(commands.receiptPdf).toHaveBeenCalledWith(8, false);
    expect(text("#history-receipt")).toContain("DIRECT TV");
    expect(text("#history-saved")).toBe("✓ Comprobante guardado (PDF), listo para imprimir.");
    expect(document.getElementById("history-saved")?.dataset.file).toBe("/data/receipts/venta-8.pdf");
  });
});
