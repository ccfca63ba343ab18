// The scan field after a refused code, the "no connection" error, and the benchmark's marks.
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../generated/ipc", () => import("../testing/ipc-mock"));

const { answerTicket, commands, resetCommands } = await import("../testing/ipc-mock");
const { bill, status } = await import("../testing/fixtures");
const { settle, showApp, text } = await import("../testing/render");
const { statusChanged } = await import("../status/link");
const { onScan } = await import("./lookup");

const BAD = "12345678901234";

function link(lastSuccess: Date) {
  return { ...status("online").links[0]!, lastSuccessAt: lastSuccess.toISOString() };
}

describe("the scan step", () => {
  beforeEach(() => {
    resetCommands();
    showApp();
  });

  it("clears the field after a refused code and shows the code in the message", async () => {
    commands.findByBarcode.mockRejectedValue({ code: "NotFound", message: "No se encontró la factura." });
    onScan(BAD);
    await settle();
    const field = document.getElementById("barcode") as HTMLInputElement;
    expect(field.value).toBe("");
    expect(document.activeElement?.id).toBe("barcode");
    expect(text("#error")).toContain("No se encontró la factura.");
    expect(document.getElementById("error-code")?.dataset.code).toBe(BAD);
    expect(text("#error-code")).toContain(BAD);
  });

  it("drops the 'no connection' error when the link comes back", async () => {
    commands.findByBarcode.mockRejectedValue({ code: "Offline", message: "No hay conexión con el sistema de cobro." });
    onScan(BAD);
    await settle();
    expect(document.getElementById("error")?.dataset.code).toBe("Offline");
    statusChanged(status("offline"));
    await settle();
    expect(document.getElementById("error")).not.toBeNull();
    statusChanged(status("online"));
    await settle();
    expect(document.getElementById("error")).toBeNull();
  });

  it("keeps it while the status read says online from before the failure, drops it once the hub answers", async () => {
    statusChanged(status("online", false, { links: [link(new Date(Date.now() - 5000))] }));
    commands.findByBarcode.mockRejectedValue({ code: "Offline", message: "No hay conexión con el sistema de cobro." });
    onScan(BAD);
    await settle();
    statusChanged(status("online", false, { links: [link(new Date(Date.now() - 5000))] }));
    await settle();
    expect(document.getElementById("error")?.dataset.code).toBe("Offline");
    statusChanged(status("online", false, { links: [link(new Date(Date.now() + 1000))] }));
    await settle();
    expect(document.getElementById("error")).toBeNull();
  });

  it("keeps other errors when the link comes back", async () => {
    commands.findByBarcode.mockRejectedValue({ code: "NotFound", message: "No se encontró la factura." });
    onScan(BAD);
    await settle();
    statusChanged(status("online"));
    await settle();
    expect(document.getElementById("error")).not.toBeNull();
  });

  it("marks scan-ready once the scan field first has the focus", async () => {
    await settle();
    expect(document.activeElement?.id).toBe("barcode");
    expect(performance.getEntriesByName("scan-ready", "mark")).toHaveLength(1);
  });

  it("marks scan-enter and bill-painted, and measures scan-to-bill", async () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal("requestAnimationFrame", (f: FrameRequestCallback) => frames.push(f));
    performance.clearMeasures("scan-to-bill");
    commands.findByBarcode.mockResolvedValue({ kind: "bills", bills: [bill()] });
    answerTicket([bill()]);
    onScan("05700861082790003832152882102060000027480005");
    expect(performance.getEntriesByName("scan-enter", "mark")).toHaveLength(1);
    await settle();
    expect(document.querySelector("#ticket-lines #line-1 .company-name")?.textContent).toBe("DIRECT TV");
    for (const f of frames.splice(0)) f(performance.now());
    expect(performance.getEntriesByName("bill-painted", "mark")).toHaveLength(1);
    expect(performance.getEntriesByName("scan-to-bill", "measure")).toHaveLength(1);
    vi.unstubAllGlobals();
  });
});
