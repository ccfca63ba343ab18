// The company chooser says "↑ ↓ y Enter": the arrows move the selection, Enter picks it.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CompanyChoice } from "../generated/ipc";

vi.mock("../generated/ipc", () => import("../testing/ipc-mock"));

const { answerTicket, commands, resetCommands } = await import("../testing/ipc-mock");
const { bill, money } = await import("../testing/fixtures");
const { press, pressEnter, settle, showApp } = await import("../testing/render");
const { onScan } = await import("./lookup");

const CODE = "579201910127747008036409003400000101000004270050";
const companies: CompanyChoice[] = ["1001", "3145", "2020"].map((code) => ({
  code,
  name: `Empresa ${code}`,
  customerId: "42",
  total: money("$ 1.000,00", "1000.00"),
}));

const selected = () =>
  Array.from(document.querySelectorAll("#chooser [role=option]"))
    .filter((n) => n.getAttribute("aria-selected") === "true")
    .map((n) => (n as HTMLElement).dataset.code);

describe("the company chooser", () => {
  beforeEach(async () => {
    resetCommands();
    showApp();
    commands.findByBarcode.mockResolvedValue({ kind: "chooseCompany", barcode: CODE, companies });
    onScan(CODE);
    await settle();
  });

  it("starts on the first company, selected and focused", () => {
    expect(selected()).toEqual(["1001"]);
    expect(document.activeElement?.id).toBe("choice-0");
  });

  it("moves the selection with ↓ and ↑ (shown, aria-selected, focused)", async () => {
    press("ArrowDown");
    await settle();
    expect(selected()).toEqual(["3145"]);
    expect((document.activeElement as HTMLElement).dataset.code).toBe("3145");
    expect(document.getElementById("choice-1")?.classList.contains("selected")).toBe(true);
    expect(document.getElementById("chooser")?.dataset.selected).toBe("1");
    press("ArrowDown");
    press("ArrowDown");
    await settle();
    expect(selected()).toEqual(["2020"]);
    press("ArrowUp");
    await settle();
    expect(selected()).toEqual(["3145"]);
  });

  it("Enter charges the selected company, not the first one", async () => {
    const picked = bill({ key: 31, companyCode: "3145", companyName: "Empresa 3145" });
    commands.findByBarcodeForCompany.mockResolvedValue([picked]);
    answerTicket([picked]);
    press("ArrowDown");
    await settle();
    pressEnter();
    await settle();
    expect(commands.findByBarcodeForCompany).toHaveBeenCalledWith(CODE, "3145");
    expect(commands.ticketAddBill).toHaveBeenCalledWith(31, "");
    expect(document.getElementById("line-1")?.dataset.company).toBe("3145");
  });

  it("Enter with the focus outside the list picks the selected one too", async () => {
    commands.findByBarcodeForCompany.mockResolvedValue([bill({ companyCode: "3145" })]);
    press("ArrowDown");
    await settle();
    (document.activeElement as HTMLElement).blur();
    press("Enter");
    await settle();
    expect(commands.findByBarcodeForCompany).toHaveBeenCalledWith(CODE, "3145");
  });
});
