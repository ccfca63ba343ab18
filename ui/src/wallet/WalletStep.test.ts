// The wallet tender (F7): the amount prefilled with what is owed and sent as typed, the wait with
// the QR code, its countdown and what to do meanwhile, cancelling it (and the app's refusal once
// the charge is under way), the wallet taken and the rest in cash, and the notices of a charge
// that failed, the one whose outcome is unknown standing out.
import { describe, expect, it, vi } from "vitest";

vi.mock("../generated/ipc", () => import("../testing/ipc-mock"));

const { commands } = await import("../testing/ipc-mock");
const { bill, charged, draft, money, waitingWallet, walletCharge, walletTaken } = await import("../testing/fixtures");
const { press, text } = await import("../testing/render");
const { screen } = await import("../lib/state.svelte");
const { draftChanged } = await import("../next/tender");
const { flush, freshAppEachTest, part, rest, ticketOfOne, total, typeInto } = await import("../charge/tenderTesting");

const UNKNOWN =
  "No llegó la respuesta del cobro con billetera: puede que se haya cobrado. NO cobre de nuevo con billetera; avise al supervisor, que lo resuelve con el comprobante (txid) que muestra la billetera del cliente.";

describe("the wallet tender", () => {
  freshAppEachTest();

  /** F7, the amount typed, Enter: the QR code waits for the customer. */
  async function waitForWallet(): Promise<void> {
    await ticketOfOne();
    press("F7");
    await flush();
    typeInto("wallet-amount", "1.000,00");
    commands.ticketPayWallet.mockResolvedValue(charged(draft([bill()]), [waitingWallet(part)], total));
    press("Enter");
    await flush();
  }

  it("asks for the amount on F7, prefilled with what is owed, and sends what was typed on Enter", async () => {
    await ticketOfOne();
    press("F7");
    await flush();
    const amount = document.getElementById("wallet-amount") as HTMLInputElement;
    expect(amount.value).toBe("2.748,00");
    expect(document.activeElement?.id).toBe("wallet-amount");
    expect(text(".next .panel-title")).toContain("Cobro con billetera");
    expect(document.getElementById("tender-wallet")?.getAttribute("aria-pressed")).toBe("true");
    expect(text("#wallet-amount-hint")).toContain("$ 2.748,00");
    typeInto("wallet-amount", "1.000,00");
    commands.ticketPayWallet.mockResolvedValue(charged(draft([bill()]), [waitingWallet(part)], total));
    press("Enter");
    await flush();
    expect(commands.ticketPayWallet).toHaveBeenCalledWith("1.000,00");
    expect(commands.ticketPayCard).not.toHaveBeenCalled();
    expect(commands.ticketPayCash).not.toHaveBeenCalled();
  });

  it("goes back to choosing the tender on Esc, asking nothing", async () => {
    await ticketOfOne();
    press("F7");
    await flush();
    press("Escape");
    await flush();
    expect(commands.ticketPayWallet).not.toHaveBeenCalled();
    expect(document.getElementById("wallet-amount")).toBeNull();
    expect(document.activeElement?.id).toBe("received");
  });

  it("shows the QR code big with the amount, the customer's instruction and the countdown; a reflex Enter cancels nothing", async () => {
    await waitForWallet();
    const qr = document.getElementById("wallet-qr") as HTMLElement;
    expect(qr.querySelector("svg")).not.toBeNull();
    expect(qr.innerHTML).not.toContain("<?xml");
    expect(qr.style.width).toBe("260px");
    expect(text("#wallet-scan")).toBe("Escanee el código con su billetera");
    expect(text("#charge-wait")).toContain("Esperando la billetera del cliente");
    expect(text("#charge-wait-amount")).toBe("$ 1.000,00");
    expect(text("#charge-countdown")).toMatch(/^El código vence en (9 min 59 s|10 min 0 s)$/);
    expect(text("#charge-wait")).toContain("cancele la billetera (Esc)");
    expect(document.activeElement?.id).toBe("charge-wait");
    expect(document.getElementById("tender-0")?.dataset.kind).toBe("wallet");
    expect(text("#tender-state-0")).toBe("◷ Esperando");
    expect(document.getElementById("received")).toBeNull();
    press("Enter");
    await flush();
    expect(commands.ticketCancelWallet).not.toHaveBeenCalled();
    expect(commands.ticketPayWallet).toHaveBeenCalledTimes(1);
  });

  it("cancels the wait on Esc, back on the choice of tender with the app's notice", async () => {
    await waitForWallet();
    commands.ticketCancelWallet.mockResolvedValue(charged(draft([bill()]), [], total, "Cobro con billetera cancelado: no se cobró."));
    press("Escape");
    await flush();
    expect(commands.ticketCancelWallet).toHaveBeenCalledTimes(1);
    expect(document.getElementById("charge-wait")).toBeNull();
    expect(text("#charge-notice")).toContain("Cobro con billetera cancelado");
    expect(document.getElementById("charge-notice")?.dataset.severity).toBe("failed");
    expect(document.activeElement?.id).toBe("received");
  });

  it("says why it cannot cancel once the customer has connected, and keeps waiting", async () => {
    await waitForWallet();
    commands.ticketCancelWallet.mockRejectedValue({
      code: "Validation",
      message: "El cliente ya conectó su billetera y el cobro está en curso: espere su resultado.",
    });
    (document.getElementById("wallet-cancel") as HTMLButtonElement).click();
    await flush();
    expect(text("#wallet-error")).toContain("el cobro está en curso");
    expect(document.getElementById("charge-wait")).not.toBeNull();
    expect(document.getElementById("wallet-qr")).not.toBeNull();
  });

  it("takes part by wallet, the ticket lists it with its short txid, and the rest goes to cash", async () => {
    await waitForWallet();
    commands.ticketQuoteCash.mockResolvedValue({ amount: rest, received: rest, change: money("$ 0,00") });
    draftChanged(charged(draft([bill()]), [walletTaken(part)], rest));
    await flush();
    expect(document.getElementById("charge-wait")).toBeNull();
    expect(text("#tender-0 .tender-label")).toBe("Billetera (txid 3f2a9c0b1d4e…)");
    expect(text("#tender-state-0")).toBe("✓ Aceptado");
    expect(text("#owed-amount")).toBe("$ 1.748,00");
    expect(screen.tender).toBe("cash");
    expect(document.activeElement?.id).toBe("received");
    expect(text("#quote-amount")).toBe("$ 1.748,00");
    expect(document.getElementById("charge-notice")).toBeNull();
  });

  it("makes the notice of a charge whose outcome is unknown stand out: not to charge the wallet again", async () => {
    await waitForWallet();
    commands.walletAttention.mockResolvedValue([walletCharge({ amount: part, state: "unknown" })]);
    draftChanged(charged(draft([bill()]), [], total, UNKNOWN));
    await flush();
    const notice = document.getElementById("charge-notice") as HTMLElement;
    expect(notice.dataset.severity).toBe("unknown");
    expect(notice.getAttribute("role")).toBe("alert");
    expect(text("#charge-unknown")).toContain("No cobre de nuevo con billetera");
    expect(text("#charge-notice")).toContain("Avise al supervisor (F9)");
    // The app's words in full, on the ticket.
    expect(document.getElementById("ticket-charge-notice")?.dataset.severity).toBe("unknown");
    expect(text("#ticket-charge-notice")).toContain(UNKNOWN);
    expect(document.getElementById("charge-wait")).toBeNull();
    expect(document.activeElement?.id).toBe("received");
  });

  it("shows a plain failure (the code expired) as a plain notice", async () => {
    await waitForWallet();
    commands.walletAttention.mockResolvedValue([]);
    const expired = "El código QR venció sin que el cliente conectara su billetera: no se cobró. Muestre uno nuevo o elija otro medio.";
    draftChanged(charged(draft([bill()]), [], total, expired));
    await flush();
    expect(document.getElementById("charge-notice")?.dataset.severity).toBe("failed");
    expect(text("#charge-notice")).toContain("venció");
    expect(document.getElementById("charge-unknown")).toBeNull();
    expect(document.getElementById("ticket-charge-notice")).toBeNull();
    // F7 again offers what is owed anew.
    press("F7");
    await flush();
    expect((document.getElementById("wallet-amount") as HTMLInputElement).value).toBe("2.748,00");
  });

  it("lists F7 and F11 in the help, and F7 among the top bar's keys", async () => {
    expect(Array.from(document.querySelectorAll(".keychip kbd")).map((k) => k.textContent)).toContain("F7");
    press("F1");
    await flush();
    const help = text("#help");
    expect(help).toContain("F7");
    expect(help).toContain("Cobrar con billetera");
    expect(help).toContain("F11");
    expect(help).toContain("Pantalla del cliente");
  });
});
