// The approved sale's receipt: the sentence says what became of it (the app's words); the file's
// place is only an attribute (data-file, for support and the window tests), never text
// but is not the message.
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../generated/ipc", () => import("../testing/ipc-mock"));

const { answerTicket, commands, resetCommands } = await import("../testing/ipc-mock");
const { approved, bill, money, paidTicket, receiptFile, rejected, sale } = await import("../testing/fixtures");
const { settle, showApp, text } = await import("../testing/render");
const { showBills } = await import("../next/lookup");
const { pay } = await import("../next/tender");
const { saleChanged } = await import("../inflight/track");
const { ticketChanged } = await import("./ticket");

const PATH = "/home/caja/.local/share/ventanilla/receipts/venta-4.pdf";

describe("the outcome of a sale", () => {
  beforeEach(async () => {
    resetCommands();
    answerTicket([bill()]);
    showApp();
    await showBills([bill()]);
  });

  it("says the receipt was saved, with its path out of the sentence", async () => {
    commands.ticketPayCash.mockResolvedValue(paidTicket([{ sale: sale({ id: 4 }) }], "waiting"));
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

  it("tells the bill just rejected to give the money back, as much as the ticket's ledger says", async () => {
    commands.ticketPayCash.mockResolvedValue(paidTicket([{ sale: sale({ id: 5 }) }], "waiting"));
    await pay();
    saleChanged(rejected({ id: 5 }));
    const due = money("$ 2.748,00", "2748.00");
    ticketChanged(paidTicket([{ sale: rejected({ id: 5 }), refund: "due" }], "refund", { refundDue: due, rejected: due }));
    await settle();
    expect(document.getElementById("reason")?.dataset.past).toBe("false");
    expect(text("#reason")).toBe("La factura ya estaba pagada: no se cobró.");
    expect(text("#refund-due")).toBe("$ 2.748,00");
    expect(document.getElementById("money-back")?.dataset.amount).toBe("2748.00");
    expect(text("#reason-detail")).toContain("409_BILL_ALREADY_PAID");
    expect(document.activeElement?.id).toBe("confirm-refund");
  });
});
