// The ticket and its cash tender: open amounts on their lines in the locale's form, the
// placeholder that follows the total, the pay button that answers at once, a ticket of two bills
// with its change and refund, and the panel while the hub cannot be reached.
import { tick } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../generated/ipc", () => import("../testing/ipc-mock"));

const { answerTicket, commands, resetCommands } = await import("../testing/ipc-mock");
const { approved, bill, draft, money, paidTicket, rejected, sale, status } = await import("../testing/fixtures");
const { press, showApp, text } = await import("../testing/render");
const { screen } = await import("../lib/state.svelte");
const { showBills } = await import("./lookup");
const { statusChanged } = await import("../status/link");
const { saleChanged } = await import("../inflight/track");
const { ticketChanged } = await import("../ticket/ticket");

const open = bill({
  openAmount: true,
  total: money("$ 50,00", "50.00"),
  min: money("$ 10,00", "10.00"),
  max: money("$ 5.000,00", "5000.00"),
});

function typeInto(id: string, value: string): void {
  const input = document.getElementById(id) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

describe("the cash tender", () => {
  beforeEach(() => {
    resetCommands();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    showApp();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  /** The quote's pause, the app's answers and Svelte's updates. */
  async function flush(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(300);
      await tick();
    }
  }

  it("shows an open amount on its line as the locale writes it, and sends it as typed", async () => {
    answerTicket([open]);
    commands.ticketSetAmount.mockResolvedValue(draft([open], money("$ 1.234,50", "1234.50")));
    commands.ticketQuoteCash.mockResolvedValue({ amount: money("$ 50,00", "50.00"), received: money("$ 50,00"), change: money("$ 0,00") });
    await showBills([open]);
    await flush();
    const amount = document.getElementById("amount-1") as HTMLInputElement;
    expect(amount.value).toBe("50,00");
    expect(text("#limits-1")).toBe("Mínimo $ 10,00 · Máximo $ 5.000,00");
    expect(commands.ticketQuoteCash).toHaveBeenLastCalledWith("");
    typeInto("amount-1", "1.234,50");
    await flush();
    expect(commands.ticketSetAmount).toHaveBeenLastCalledWith(1, "1.234,50");
  });

  it("says on the line when the app refuses the amount typed, and does not pay", async () => {
    answerTicket([open]);
    commands.ticketSetAmount.mockRejectedValue({ code: "Validation", message: "El importe debe estar entre $ 10,00 y $ 5.000,00." });
    commands.ticketQuoteCash.mockResolvedValue({ amount: money("$ 50,00", "50.00"), received: money("$ 50,00"), change: money("$ 0,00") });
    await showBills([open]);
    await flush();
    typeInto("amount-1", "5");
    await flush();
    expect(text("#line-error-1")).toContain("entre $ 10,00 y $ 5.000,00");
    (document.getElementById("pay") as HTMLButtonElement).click();
    await flush();
    expect(commands.ticketPayCash).not.toHaveBeenCalled();
  });

  it("has the cash field's placeholder follow the ticket's total", async () => {
    answerTicket([open]);
    commands.ticketQuoteCash.mockResolvedValue({ amount: money("$ 50,00", "50.00"), received: money("$ 50,00"), change: money("$ 0,00") });
    await showBills([open]);
    await flush();
    const received = document.getElementById("received") as HTMLInputElement;
    expect(received.placeholder).toBe("$ 50,00");
    commands.ticketSetAmount.mockResolvedValue(draft([open], money("$ 80,00", "80.00")));
    commands.ticketQuoteCash.mockResolvedValue({ amount: money("$ 80,00", "80.00"), received: money("$ 80,00"), change: money("$ 0,00") });
    typeInto("amount-1", "80");
    await flush();
    typeInto("received", "");
    await flush();
    expect(received.placeholder).toBe("$ 80,00");
    expect(text("#quote-amount")).toBe("$ 80,00");
  });

  it("answers a press of Cobrar at once, before the app replies", async () => {
    answerTicket([bill()]);
    commands.ticketQuoteCash.mockResolvedValue({ amount: money("$ 2.748,00"), received: money("$ 2.748,00"), change: money("$ 0,00") });
    let reply: (s: unknown) => void = () => {};
    commands.ticketPayCash.mockImplementation(() => new Promise((r) => (reply = r)));
    await showBills([bill()]);
    await flush();
    (document.getElementById("pay") as HTMLButtonElement).click();
    // No await: the button has already changed.
    const pay = document.getElementById("pay") as HTMLButtonElement;
    expect(pay.disabled).toBe(true);
    expect(pay.dataset.state).toBe("sending");
    expect(pay.getAttribute("aria-busy")).toBe("true");
    expect(pay.textContent).toContain("Enviando…");
    await flush();
    expect(commands.ticketPayCash).toHaveBeenCalledTimes(1);
    pay.click();
    await flush();
    expect(commands.ticketPayCash).toHaveBeenCalledTimes(1);
    reply(paidTicket([{ sale: sale() }], "waiting"));
    await flush();
    expect(document.getElementById("sale-state")?.dataset.state).toBe("journaled");
    expect(document.activeElement?.id).toBe("next-customer");
  });

  it("pays a ticket of two bills with one handful and shows its change and each line's state", async () => {
    const gas = bill({ key: 12, companyName: "GAS NATURAL", customerId: "55" });
    answerTicket([bill(), gas], money("$ 5.496,00", "5496.00"));
    commands.ticketQuoteCash.mockResolvedValue({ amount: money("$ 5.496,00"), received: money("$ 6.000,00"), change: money("$ 504,00") });
    await showBills([bill()]);
    await showBills([gas]);
    await flush();
    expect(document.getElementById("ticket-lines")?.dataset.count).toBe("2");
    expect(text("#total")).toBe("$ 5.496,00");
    typeInto("received", "6000");
    await flush();
    expect(text("#change")).toBe("$ 504,00");
    commands.ticketPayCash.mockResolvedValue(
      paidTicket([{ sale: approved({ id: 3 }) }, { sale: sale({ id: 4, companyName: "GAS NATURAL" }) }], "waiting"),
    );
    // Paid, the app's ticket for the next customer is empty.
    commands.ticket.mockResolvedValue(draft([]));
    press("Enter");
    await flush();
    expect(commands.ticketPayCash).toHaveBeenCalledWith("6000");
    expect(text("#sale-change")).toBe("$ 504,00");
    expect(document.getElementById("ticket-state")?.dataset.phase).toBe("waiting");
    expect(document.getElementById("line-state-1")?.dataset.state).toBe("approved");
    expect(document.getElementById("line-state-2")?.dataset.state).toBe("journaled");
    expect(document.getElementById("ticket-abandon")).toBeNull();
    // The next customer: the bill still in flight keeps the way back to its ticket.
    press("Escape");
    await flush();
    expect(screen.view).toBe("scan");
    const paid = paidTicket([{ sale: approved({ id: 3 }) }, { sale: sale({ id: 4, companyName: "GAS NATURAL" }) }], "waiting");
    commands.ticketOfSale.mockResolvedValue(paid);
    (document.getElementById("inflight-ticket-4") as HTMLButtonElement).click();
    await flush();
    expect(commands.ticketOfSale).toHaveBeenCalledWith(4);
    expect(screen.view).toBe("sale");
    expect(document.getElementById("ticket-lines")?.dataset.count).toBe("2");
    // The second bill's answer shows on its line; no toast repeats it.
    saleChanged(approved({ id: 4, companyName: "GAS NATURAL" }));
    await flush();
    await vi.advanceTimersByTimeAsync(1000);
    expect(document.querySelector("#toasts [data-sale]")).toBeNull();
  });

  it("asks to confirm the refund of a rejected bill, on its own button, not on a reflex Enter", async () => {
    const gas = bill({ key: 12, companyName: "GAS NATURAL", customerId: "55" });
    answerTicket([bill(), gas], money("$ 5.496,00", "5496.00"));
    commands.ticketQuoteCash.mockResolvedValue({ amount: money("$ 5.496,00"), received: money("$ 6.000,00"), change: money("$ 504,00") });
    await showBills([bill()]);
    await showBills([gas]);
    await flush();
    const refund = { refundDue: money("$ 2.748,00", "2748.00"), rejected: money("$ 2.748,00", "2748.00") };
    commands.ticketPayCash.mockResolvedValue(
      paidTicket([{ sale: approved({ id: 3 }) }, { sale: rejected({ id: 4, companyName: "GAS NATURAL" }), refund: "due" }], "refund", refund),
    );
    press("Enter");
    await flush();
    expect(text("#refund-due")).toBe("$ 2.748,00");
    expect(document.activeElement?.id).toBe("confirm-refund");
    expect(document.getElementById("line-refund-2")?.textContent).toBe("A devolver");
    (document.getElementById("received") ?? document.body).dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    document.body.focus();
    press("Enter");
    await flush();
    expect(commands.confirmRefund).not.toHaveBeenCalled();
    expect(screen.view).toBe("sale");
    commands.confirmRefund.mockResolvedValue(
      paidTicket([{ sale: approved({ id: 3 }) }, { sale: rejected({ id: 4 }), refund: "done" }], "settled", {
        refunded: money("$ 2.748,00", "2748.00"),
        rejected: money("$ 2.748,00", "2748.00"),
      }),
    );
    (document.getElementById("confirm-refund") as HTMLButtonElement).click();
    await flush();
    expect(commands.confirmRefund).toHaveBeenCalledWith(9, 2);
    expect(document.getElementById("confirm-refund")).toBeNull();
    expect(text("#refund-done")).toContain("$ 2.748,00");
    expect(document.getElementById("line-refund-2")?.textContent).toBe("Devuelto");
  });

  it("keeps a refund told by event before the payment's own reply arrived", async () => {
    answerTicket([bill()]);
    commands.ticketQuoteCash.mockResolvedValue({ amount: money("$ 2.748,00"), received: money("$ 2.748,00"), change: money("$ 0,00") });
    let reply: (t: unknown) => void = () => {};
    commands.ticketPayCash.mockImplementation(() => new Promise((r) => (reply = r)));
    await showBills([bill()]);
    await flush();
    (document.getElementById("pay") as HTMLButtonElement).click();
    await flush();
    // The hub refused at once: the events come before the reply.
    const due = money("$ 2.748,00", "2748.00");
    saleChanged(rejected({ id: 5 }));
    ticketChanged(paidTicket([{ sale: rejected({ id: 5 }), refund: "due" }], "refund", { refundDue: due, rejected: due }));
    reply(paidTicket([{ sale: sale({ id: 5 }) }], "waiting"));
    await flush();
    expect(text("#refund-due")).toBe("$ 2.748,00");
    expect(document.getElementById("line-state-1")?.dataset.state).toBe("rejected");
  });

  it("keeps the ticket when Esc goes back to scan another bill, and removes a line with its button", async () => {
    const gas = bill({ key: 12, companyName: "GAS NATURAL", customerId: "55" });
    answerTicket([bill(), gas], money("$ 5.496,00", "5496.00"));
    commands.ticketQuoteCash.mockResolvedValue({ amount: money("$ 5.496,00"), received: money("$ 5.496,00"), change: money("$ 0,00") });
    await showBills([bill()]);
    await showBills([gas]);
    await flush();
    press("Escape");
    await flush();
    expect(screen.view).toBe("scan");
    expect(document.activeElement?.id).toBe("barcode");
    expect(document.getElementById("ticket-lines")?.dataset.count).toBe("2");
    commands.ticketRemove.mockResolvedValue(draft([gas], gas.total));
    (document.getElementById("remove-1") as HTMLButtonElement).click();
    await flush();
    expect(commands.ticketRemove).toHaveBeenCalledWith(1);
    expect(document.getElementById("ticket-lines")?.dataset.count).toBe("1");
    expect(text("#line-1 .company-name")).toBe("GAS NATURAL");
  });

  it("offline with contingency off: says only that it cannot charge, and what to do", async () => {
    answerTicket([bill()]);
    commands.ticketQuoteCash.mockResolvedValue({ amount: money("$ 2.748,00"), received: money("$ 2.748,00"), change: money("$ 0,00") });
    await showBills([bill()]);
    statusChanged(status("offline", false));
    await flush();
    const off = text("#offline-off");
    expect(off).toContain("sin conexión");
    expect(off).toContain("desactivados");
    expect(off).toContain("F9");
    expect(off).not.toMatch(/cobra igual|queda en espera/i);
    expect(document.getElementById("pay-offline")).toBeNull();
    const pay = document.getElementById("pay") as HTMLButtonElement;
    expect(pay.disabled).toBe(true);
    expect(pay.dataset.state).toBe("blocked");
    (document.getElementById("received") as HTMLInputElement).focus();
    press("Enter");
    await flush();
    expect(commands.ticketPayCash).not.toHaveBeenCalled();
    expect(commands.payCashOffline).not.toHaveBeenCalled();
    expect(screen.view).toBe("tender");
  });

  it("offline with contingency on: offers the provisional receipt with its caps", async () => {
    answerTicket([bill()]);
    commands.ticketQuoteCash.mockResolvedValue({ amount: money("$ 2.748,00"), received: money("$ 2.748,00"), change: money("$ 0,00") });
    await showBills([bill()]);
    statusChanged(status("offline", true));
    await flush();
    expect(document.getElementById("offline-off")).toBeNull();
    expect(text("#offline-caps").replace(/\u00a0/g, " ")).toContain("$ 50.000,00");
    expect(document.getElementById("pay-offline")).not.toBeNull();
  });

  it("fills the field with the round sum on Alt+N, and leaves it empty (exact) on Alt+1", async () => {
    answerTicket([bill()]);
    commands.ticketQuoteCash.mockResolvedValue({ amount: money("$ 2.748,00"), received: money("$ 3.000,00"), change: money("$ 252,00") });
    await showBills([bill()]);
    await vi.advanceTimersByTimeAsync(300);
    await tick();
    expect(text("#cash-hint-0")).toContain("Justo $ 2.748,00");
    const alt2 = new KeyboardEvent("keydown", { key: "2", altKey: true, bubbles: true, cancelable: true });
    document.activeElement?.dispatchEvent(alt2);
    await vi.advanceTimersByTimeAsync(300);
    await tick();
    expect(alt2.defaultPrevented).toBe(true);
    expect((document.getElementById("received") as HTMLInputElement).value).toBe("3.000,00");
    expect(commands.ticketQuoteCash).toHaveBeenLastCalledWith("3.000,00");
    document.activeElement?.dispatchEvent(new KeyboardEvent("keydown", { key: "1", altKey: true, bubbles: true, cancelable: true }));
    await vi.advanceTimersByTimeAsync(300);
    await tick();
    expect((document.getElementById("received") as HTMLInputElement).value).toBe("");
    expect(commands.ticketQuoteCash).toHaveBeenLastCalledWith("");
  });
});
