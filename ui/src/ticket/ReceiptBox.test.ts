// The approved sale's receipt: the sentence says what became of it (the app's words); the file's
// place is only an attribute (data-file, for support and the window tests), never text
// but is not the message.
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../generated/ipc", () => import("../testing/ipc-mock"));

const { commands, resetCommands } = await import("../testing/ipc-mock");
const { approved, bill, money, receiptFile, rejected, sale } = await import("../testing/fixtures");
const { settle, showApp, text } = await import("../testing/render");
const { showBills } = await import("../next/lookup");
const { pay } = await import("../next/tender");
const { saleChanged } = await import("../inflight/track");

const PATH = "/home/caja/.local/share/ventanilla/receipts/venta-4.pdf";

describe("the outcome of a sale", () => {
  beforeEach(() => {
    resetCommands();
    showApp();
    showBills([bill()]);
  });

  it("says the receipt was saved, with its path out of the sentence", async () => {
    commands.payCash.mockResolvedValue(sale({ id: 4 }));
    commands.receiptPdf.mockResolvedValue(receiptFile(4, { file: PATH, text: "DIRECT TV" }));
    await pay();
    saleChanged(approved({ id: 4 }));
    await settle();
    expect(document.getElementById("sale-state")?.dataset.state).toBe("approved");
    expect(text("#receipt-saved")).toBe("✓ Comprobante guardado (PDF), listo para imprimir.");
    expect(document.getElementById("receipt-saved")?.dataset.outcome).toBe("saved");
    expect(document.getElementById("receipt-saved")?.dataset.file).toBe(PATH);
    expect(document.body.textContent).not.toContain("venta-4.pdf");
    expect(text("#receipt-text")).toBe("DIRECT TV");
  });

  it("tells the sale just rejected to give the money back, as much as the app says", async () => {
    commands.payCash.mockResolvedValue(sale({ id: 5 }));
    await pay();
    saleChanged(rejected({ id: 5, moneyBack: money("$ 2.748,00", "2748.00") }));
    await settle();
    expect(document.getElementById("reason")?.dataset.past).toBe("false");
    expect(text("#reason")).toBe("La factura ya estaba pagada: no se cobró.");
    expect(text("#money-back").replace(/\u00a0/g, " ")).toBe("Devuelva $ 2.748,00 al cliente.");
    expect(text("#reason-detail")).toContain("409_BILL_ALREADY_PAID");
    expect(document.activeElement?.id).toBe("next-customer");
  });
});
