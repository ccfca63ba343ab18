// A bill this counter already charged: the app's notice, and it does not go into the ticket
// until that sale is known to be rejected.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { EarlierSaleView } from "../generated/ipc";

vi.mock("../generated/ipc", () => import("../testing/ipc-mock"));

const { answerTicket, commands, resetCommands } = await import("../testing/ipc-mock");
const { bill, money, rejected } = await import("../testing/fixtures");
const { settle, showApp, text } = await import("../testing/render");
const { showBills } = await import("../next/lookup");
const { charge } = await import("../next/tender");
const { saleChanged } = await import("../inflight/track");

function earlier(state: EarlierSaleView["state"]): EarlierSaleView {
  return {
    saleId: 4,
    state,
    takenAt: new Date().toISOString(),
    amount: money("$ 2.748,00", "2748.00"),
    blocksPayment: state !== "rejected",
    notice: `Venta 4 (${state}) de esta factura.`,
  };
}

describe("a bill charged before at this counter", () => {
  beforeEach(() => {
    resetCommands();
    showApp();
  });

  it("shows the app's notice and cannot be charged again", async () => {
    await showBills([bill({ earlierSale: earlier("approved") })]);
    await settle();
    const notice = document.getElementById("busy");
    expect(notice?.dataset.state).toBe("approved");
    expect(notice?.dataset.blocks).toBe("true");
    expect(text("#busy")).toBe("Venta 4 (approved) de esta factura.");
    expect(commands.ticketAddBill).not.toHaveBeenCalled();
    expect(document.getElementById("ticket-lines")).toBeNull();
    expect(document.getElementById("pay")).toBeNull();
    expect(document.activeElement?.id).toBe("barcode");
    await charge();
    expect(commands.ticketPayCash).not.toHaveBeenCalled();
  });

  it("says so when the payment in progress ends while the card is on screen", async () => {
    await showBills([bill({ earlierSale: earlier("inFlight") })]);
    await settle();
    expect(document.getElementById("busy")?.dataset.state).toBe("inFlight");
    saleChanged(rejected({ id: 4 }));
    await settle();
    expect(document.getElementById("busy")?.dataset.state).toBe("rejected");
    expect(text("#busy")).toContain("Vuelva a escanear la factura");
  });

  it("lets a bill whose earlier sale was rejected be charged", async () => {
    const b = bill({ earlierSale: earlier("rejected") });
    answerTicket([b]);
    await showBills([b]);
    await settle();
    expect(commands.ticketAddBill).toHaveBeenCalledWith(b.key, "");
    expect(document.getElementById("line-1")).not.toBeNull();
    expect((document.getElementById("received") as HTMLInputElement).disabled).toBe(false);
    expect(document.activeElement?.id).toBe("received");
  });
});
