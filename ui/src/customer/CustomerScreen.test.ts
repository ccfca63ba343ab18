// The customer's screen: a welcome while nobody is served, the ticket as it is built, the QR code
// with its amount and countdown while a wallet payment waits, "Gracias" with how they paid and
// their change once the ticket is paid, and back to the welcome for the next customer.
import { render } from "@testing-library/svelte";
import { tick } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../generated/ipc", () => import("../testing/ipc-mock"));

const { approved, bill, charged, draft, info, money, paidTicket, tender, waitingCard, waitingWallet, walletTaken } = await import("../testing/fixtures");
const { text } = await import("../testing/render");
const { setLocale } = await import("../lib/i18n");
const { default: CustomerScreen } = await import("./CustomerScreen.svelte");
const { HOLD_MS, THANKS_MS, onDraft, onNext, onPaid, onTicketChanged, resetCustomer } = await import("./customer.svelte");

const total = money("$ 5.496,00", "5496.00");
const part = money("$ 1.000,00", "1000.00");
const rest = money("$ 4.496,00", "4496.00");
const two = [bill(), bill({ key: 12, companyName: "GAS NATURAL", customerId: "55" })];

function phase(): string | undefined {
  return document.getElementById("customer")?.dataset.phase;
}

describe("the customer's screen", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    setLocale("es");
    resetCustomer(info());
    render(CustomerScreen);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("welcomes while nobody is being served, with the counter and the test mode", () => {
    expect(phase()).toBe("welcome");
    expect(text("#cust-welcome")).toContain("¡Bienvenido!");
    expect(text("#cust-counter")).toBe("Caja 1");
    expect(text("#cust-sandbox")).toContain("Modo prueba");
    expect(document.getElementById("cust-qr")).toBeNull();
  });

  it("shows the ticket as it is built: each item, the total", async () => {
    onDraft(draft(two, total));
    await tick();
    expect(phase()).toBe("ticket");
    expect(document.getElementById("cust-ticket")?.dataset.count).toBe("2");
    expect(text("#cust-items")).toContain("DIRECT TV");
    expect(text("#cust-items")).toContain("GAS NATURAL");
    expect(text("#cust-items")).toContain("$ 2.748,00");
    expect(text("#cust-total")).toBe("$ 5.496,00");
    expect(document.getElementById("cust-owed")).toBeNull();
  });

  it("shows the QR code with its amount and countdown while a wallet payment waits", async () => {
    onDraft(charged(draft(two, total), [waitingWallet(part, 300)], total));
    await tick();
    const qr = document.getElementById("cust-qr") as HTMLElement;
    expect(qr.querySelector("svg")).not.toBeNull();
    expect(text("#cust-scan")).toBe("Escanee el código con su billetera");
    expect(text("#cust-pay-amount")).toBe("$ 1.000,00");
    expect(text("#cust-countdown")).toMatch(/^El código vence en (4 min 59 s|5 min 0 s)$/);
    expect(text("#cust-total")).toBe("$ 5.496,00");
    // Nothing the cashier reads about the charge reaches the customer's screen.
    expect(text("#customer")).not.toContain("esperando que el cliente");
  });

  it("asks for the card at the terminal while the card waits", async () => {
    onDraft(charged(draft(two, total), [waitingCard(part)], total));
    await tick();
    expect(text("#cust-card")).toBe("Presente su tarjeta en el terminal");
    expect(text("#cust-pay-amount")).toBe("$ 1.000,00");
    expect(document.getElementById("cust-qr")).toBeNull();
  });

  it("lists the payments taken and what is still owed; a failed payment in plain words", async () => {
    onDraft(charged(draft(two, total), [walletTaken(part)], rest));
    await tick();
    expect(document.getElementById("cust-qr")).toBeNull();
    expect(text("#cust-tenders")).toContain("Billetera (txid 3f2a9c0b1d4e…)");
    expect(text("#cust-tenders")).toContain("$ 1.000,00");
    expect(text("#cust-owed")).toBe("$ 4.496,00");
    onDraft(charged(draft(two, total), [walletTaken(part)], rest, "La billetera rechazó el cobro (insufficient funds): no se cobró. Elija otro medio."));
    await tick();
    expect(text("#cust-notice")).toContain("El último pago no se completó");
    expect(text("#customer")).not.toContain("insufficient");
  });

  it("says Gracias with how they paid and the change once the ticket is paid, then welcomes the next customer", async () => {
    onDraft(charged(draft(two, total), [walletTaken(part)], rest));
    await tick();
    // The cashier takes cash for the rest: the desk empties first, then the paid ticket is told.
    onDraft(draft([]));
    await tick();
    expect(phase()).toBe("ticket");
    const base = paidTicket([{ sale: approved({ id: 5 }) }, { sale: approved({ id: 6, companyName: "GAS NATURAL", customerId: "55" }) }], "waiting");
    const paid = {
      ...base,
      tenders: [walletTaken(part), tender({ kind: "cash", label: "Efectivo: recibido $ 5.000,00, vuelto $ 504,00", amount: rest })],
      money: { ...base.money!, change: money("$ 504,00", "504.00") },
    };
    onPaid(paid);
    await tick();
    expect(phase()).toBe("paid");
    expect(text("#cust-thanks")).toContain("¡Gracias!");
    expect(text("#cust-paid-total")).toBe("$ 5.496,00");
    expect(text("#cust-paid-with")).toContain("Billetera (txid 3f2a9c0b1d4e…)");
    expect(text("#cust-paid-with")).toContain("Efectivo: recibido $ 5.000,00");
    expect(text("#cust-change")).toBe("$ 504,00");
    // Its bills answered: the thanks stays, kept current.
    onTicketChanged({ ...paid, phase: "settled" });
    await tick();
    expect(document.getElementById("cust-thanks")?.dataset.phase).toBe("settled");
    // The cashier moves on: the welcome again.
    onNext();
    await tick();
    expect(phase()).toBe("welcome");
  });

  it("thanks for a ticket its charges paid, as the app tells it", async () => {
    onDraft(charged(draft(two, total), [waitingWallet(total)], total));
    await tick();
    const base = paidTicket([{ sale: approved({ id: 5 }) }, { sale: approved({ id: 6, companyName: "GAS NATURAL", customerId: "55" }) }], "waiting");
    onTicketChanged({ ...base, id: 12, tenders: [walletTaken(total)] });
    onDraft(draft([]));
    await tick();
    expect(phase()).toBe("paid");
    expect(document.getElementById("cust-change")).toBeNull();
    expect(text("#cust-paid-with")).toContain("Billetera");
  });

  it("ignores another customer's paid ticket, and goes back to the welcome when the ticket is dropped", async () => {
    onDraft(draft(two, total));
    await tick();
    const other = paidTicket([{ sale: approved({ id: 8, companyName: "AGUA", customerId: "9" }) }], "settled");
    onTicketChanged({ ...other, id: 3 });
    await tick();
    expect(phase()).toBe("ticket");
    onDraft(draft([]));
    await tick();
    expect(phase()).toBe("ticket");
    await vi.advanceTimersByTimeAsync(HOLD_MS + 10);
    await tick();
    expect(phase()).toBe("welcome");
  });

  it("ends the thanks by itself after a while, or with the next customer's first bill", async () => {
    onDraft(draft(two, total));
    onDraft(draft([]));
    onPaid({ ...paidTicket([{ sale: approved({ id: 5 }) }], "settled"), id: 20 });
    await tick();
    expect(phase()).toBe("paid");
    onDraft(draft([bill({ key: 30, companyName: "AGUA" })]));
    await tick();
    expect(phase()).toBe("ticket");
    expect(text("#cust-items")).toContain("AGUA");
    onDraft(draft([]));
    onPaid({ ...paidTicket([{ sale: approved({ id: 7 }) }], "settled"), id: 21 });
    await tick();
    expect(phase()).toBe("paid");
    await vi.advanceTimersByTimeAsync(THANKS_MS + 10);
    await tick();
    expect(phase()).toBe("welcome");
  });
});
