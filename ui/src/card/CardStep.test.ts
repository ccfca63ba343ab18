// The card tender (F6): the amount prefilled with what is owed and sent as typed, the wait with
// its countdown, cancelling it, the app's notice when the card fails, part of the ticket paid by
// card and the rest in cash, and a card that pays the whole ticket.
import { describe, expect, it, vi } from "vitest";

vi.mock("../generated/ipc", () => import("../testing/ipc-mock"));

const { commands } = await import("../testing/ipc-mock");
const { approved, bill, charged, draft, money, paidTicket, tender, waitingCard } = await import("../testing/fixtures");
const { press, pressEnter, text } = await import("../testing/render");
const { screen } = await import("../lib/state.svelte");
const { deskTicketChanged, draftChanged } = await import("../next/tender");
const { flush, freshAppEachTest, part, rest, ticketOfOne, total, typeInto } = await import("../charge/tenderTesting");

describe("the card tender", () => {
  freshAppEachTest();

  /** F6, the amount typed, Enter: the terminal waits for the customer's card. */
  async function waitForCard(): Promise<void> {
    await ticketOfOne();
    press("F6");
    await flush();
    typeInto("card-amount", "1.000,00");
    commands.ticketPayCard.mockResolvedValue(charged(draft([bill()]), [waitingCard(part, 90)], total));
    press("Enter");
    await flush();
  }

  it("asks for the amount on F6, prefilled with what is owed, and sends what was typed on Enter", async () => {
    await ticketOfOne();
    press("F6");
    await flush();
    const amount = document.getElementById("card-amount") as HTMLInputElement;
    expect(amount.value).toBe("2.748,00");
    expect(document.activeElement?.id).toBe("card-amount");
    expect(text(".next .panel-title")).toContain("Cobro con tarjeta");
    expect(document.getElementById("tender-card")?.getAttribute("aria-pressed")).toBe("true");
    expect(text("#card-amount-hint")).toContain("$ 2.748,00");
    typeInto("card-amount", "1.000,00");
    commands.ticketPayCard.mockResolvedValue(charged(draft([bill()]), [waitingCard(part, 90)], total));
    press("Enter");
    await flush();
    expect(commands.ticketPayCard).toHaveBeenCalledWith("1.000,00");
    expect(commands.ticketPayCash).not.toHaveBeenCalled();
  });

  it("goes back to choosing the tender on Esc, asking the terminal nothing", async () => {
    await ticketOfOne();
    press("F6");
    await flush();
    press("Escape");
    await flush();
    expect(commands.ticketPayCard).not.toHaveBeenCalled();
    expect(screen.view).toBe("tender");
    expect(document.getElementById("card-amount")).toBeNull();
    expect(document.activeElement?.id).toBe("received");
    expect(document.getElementById("tender-cash")?.getAttribute("aria-pressed")).toBe("true");
  });

  it("shows the wait with its amount and countdown, the card waiting on the ticket, and a reflex Enter cancels nothing", async () => {
    await waitForCard();
    expect(text("#charge-wait")).toContain("Esperando la tarjeta en el terminal");
    expect(text("#charge-wait-amount")).toBe("$ 1.000,00");
    expect(text("#charge-countdown")).toMatch(/1 min (29|30) s/);
    expect(text("#charge-waited")).toContain("Esperando hace");
    expect(document.activeElement?.id).toBe("charge-wait");
    expect(document.getElementById("received")).toBeNull();
    expect(document.getElementById("remove-1")).toBeNull();
    expect(document.getElementById("tender-0")?.dataset.state).toBe("waiting");
    expect(text("#tender-state-0")).toBe("◷ Esperando");
    expect(text("#owed-amount")).toBe("$ 2.748,00");
    press("Enter");
    await flush();
    expect(commands.ticketCancelCard).not.toHaveBeenCalled();
    expect(commands.ticketPayCard).toHaveBeenCalledTimes(1);
  });

  it("cancels the wait on Esc and says so, back on the choice of tender", async () => {
    await waitForCard();
    commands.ticketCancelCard.mockResolvedValue(charged(draft([bill()]), [], total, "Cobro con tarjeta cancelado: no se cobró."));
    press("Escape");
    await flush();
    expect(commands.ticketCancelCard).toHaveBeenCalledTimes(1);
    expect(screen.view).toBe("tender");
    expect(document.getElementById("charge-wait")).toBeNull();
    expect(text("#charge-notice")).toContain("Cobro con tarjeta cancelado");
    expect(document.getElementById("tender-choice")).not.toBeNull();
    expect(document.activeElement?.id).toBe("received");
  });

  it("cancels the wait with its button too", async () => {
    await waitForCard();
    commands.ticketCancelCard.mockResolvedValue(charged(draft([bill()]), [], total, "Cobro con tarjeta cancelado: no se cobró."));
    (document.getElementById("card-cancel") as HTMLButtonElement).click();
    await flush();
    expect(commands.ticketCancelCard).toHaveBeenCalledTimes(1);
    expect(document.getElementById("charge-wait")).toBeNull();
  });

  it("shows why the card failed when the ticket changes by itself, and the rest stays", async () => {
    await waitForCard();
    const declined = "La tarjeta terminada en 0002 fue rechazada (código 05): no se cobró. Elija otro medio o pruebe otra tarjeta.";
    draftChanged(charged(draft([bill()]), [], total, declined));
    await flush();
    expect(text("#charge-notice")).toContain("fue rechazada (código 05)");
    expect(document.getElementById("charge-notice")?.getAttribute("role")).toBe("alert");
    expect(document.getElementById("charge-wait")).toBeNull();
    expect(document.getElementById("ticket-lines")?.dataset.count).toBe("1");
    expect(document.getElementById("ticket-tenders")).toBeNull();
    expect(screen.tender).toBe("cash");
    expect(document.activeElement?.id).toBe("received");
    // F6 again: the amount is offered anew, what is owed.
    press("F6");
    await flush();
    expect((document.getElementById("card-amount") as HTMLInputElement).value).toBe("2.748,00");
  });

  it("says the app's refusal to ask the terminal, and stays on the amount", async () => {
    await ticketOfOne();
    press("F6");
    await flush();
    typeInto("card-amount", "9.000,00");
    commands.ticketPayCard.mockRejectedValue({ code: "Validation", message: "El importe es mayor que lo que falta pagar ($ 2.748,00)." });
    press("Enter");
    await flush();
    expect(text("#card-error")).toContain("mayor que lo que falta pagar");
    expect(document.getElementById("charge-wait")).toBeNull();
    expect(document.activeElement?.id).toBe("card-amount");
  });

  it("takes part by card and the rest in cash, quoted on what is owed", async () => {
    await waitForCard();
    commands.ticketQuoteCash.mockResolvedValue({ amount: rest, received: money("$ 2.000,00"), change: money("$ 252,00") });
    draftChanged(charged(draft([bill()]), [tender({ amount: part })], rest));
    await flush();
    expect(text("#tender-0 .tender-label")).toBe("Tarjeta •••• 1111 (INCA-0000000432)");
    expect(text("#tender-state-0")).toBe("✓ Aceptado");
    expect(text("#tender-amount-0")).toBe("$ 1.000,00");
    expect(text("#owed")).toContain("Falta pagar");
    expect(text("#owed-amount")).toBe("$ 1.748,00");
    expect(text("#total")).toBe("$ 2.748,00");
    // The app refuses changes to the items while a charge stands: no line offers one.
    expect(document.getElementById("remove-1")).toBeNull();
    // The cash step: the exact rest as its one shortcut, the quote on what is owed.
    expect(document.activeElement?.id).toBe("received");
    expect(text("#cash-hint-0")).toContain("Justo $ 1.748,00");
    expect(document.getElementById("cash-hint-1")).toBeNull();
    expect(text("#quote")).toContain("Falta pagar");
    expect(text("#quote-amount")).toBe("$ 1.748,00");
    typeInto("received", "2000");
    await flush();
    expect(commands.ticketQuoteCash).toHaveBeenLastCalledWith("2000");
    expect(text("#change")).toBe("$ 252,00");
  });

  it("shows the ticket a card paid whole as a paid ticket, with how it was paid", async () => {
    await waitForCard();
    const paid = paidTicket([{ sale: approved({ id: 5 }) }], "settled");
    const byCard = { ...paid, total, tenders: [tender({ amount: total })], money: { ...paid.money!, received: money("$ 0,00"), change: money("$ 0,00") } };
    deskTicketChanged(byCard);
    draftChanged(draft([]));
    await flush();
    expect(screen.view).toBe("sale");
    expect(document.getElementById("ticket-outcome")?.dataset.phase).toBe("settled");
    expect(text("#paid-with")).toContain("Tarjeta •••• 1111 (INCA-0000000432)");
    expect(text("#paid-with-0")).toBe("$ 2.748,00");
    expect(document.getElementById("sale-change")).toBeNull();
    expect(document.activeElement?.id).toBe("next-customer");
    // The ticket on the left lists its tender, and nothing is owed any more.
    expect(text("#tender-0")).toContain("Tarjeta •••• 1111");
    expect(document.getElementById("owed")).toBeNull();
    pressEnter();
    await flush();
    expect(screen.view).toBe("scan");
  });

  it("leaves a paid ticket of another customer where it is", async () => {
    await waitForCard();
    const other = paidTicket([{ sale: approved({ id: 8, companyName: "GAS NATURAL", customerId: "55" }) }], "settled");
    deskTicketChanged({ ...other, id: 4, tenders: [tender()] });
    await flush();
    expect(screen.view).toBe("tender");
    expect(document.getElementById("charge-wait")).not.toBeNull();
  });

  it("keeps the ticket on screen while the cash is being taken, when the emptied draft comes first", async () => {
    await ticketOfOne();
    let reply: (t: unknown) => void = () => {};
    commands.ticketPayCash.mockImplementation(() => new Promise((r) => (reply = r)));
    (document.getElementById("pay") as HTMLButtonElement).click();
    await flush();
    // The app tells every window the draft is empty before its reply to the payment arrives.
    draftChanged(draft([]));
    await flush();
    expect(screen.view).toBe("tender");
    expect(document.getElementById("ticket-lines")?.dataset.count).toBe("1");
    commands.ticket.mockResolvedValue(draft([]));
    reply(paidTicket([{ sale: approved({ id: 5 }) }], "settled"));
    await flush();
    expect(screen.view).toBe("sale");
    expect(document.activeElement?.id).toBe("next-customer");
  });
});
