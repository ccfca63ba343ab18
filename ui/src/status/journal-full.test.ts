// Ported from chrome.test.ts: the status bar and the payments in progress when the journal
// refuses writes.
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../generated/ipc", () => import("../testing/ipc-mock"));

const { screen } = await import("../lib/state.svelte");
const { sale, status } = await import("../testing/fixtures");
const { settle, showApp } = await import("../testing/render");

const FULL =
  "No hay espacio para guardar en el diario: los cobros pendientes esperan. Avise al supervisor para liberar espacio.";

const querying = sale({ state: "querying", stateLabel: "Consultando", waitedSecs: 12, nextCheckInSecs: 5, received: sale().amount });

function journal(refusing: boolean) {
  return status("online", false, { queueDepth: 1, oldestQueuedSecs: 12, journalRefusing: refusing, warning: refusing ? FULL : null });
}

describe("the status bar when the journal is full", () => {
  beforeEach(() => {
    showApp();
    screen.inflight = new Map([[querying.id, { sale: querying, at: performance.now() }]]);
  });

  it("warns the cashier, and the payments in progress say what they wait for", async () => {
    screen.status = journal(true);
    await settle();
    const warning = document.getElementById("status-warning");
    expect(warning?.getAttribute("role")).toBe("alert");
    expect(warning?.textContent).toContain("No hay espacio para guardar en el diario");
    expect(warning?.getAttribute("data-journal-refusing")).toBe("true");
    const countdown = document.querySelector(".inflight .strip-countdown")?.textContent;
    expect(countdown).toBe("esperando poder guardar en el diario");
  });

  it("goes back to the countdown once the journal takes writes again", async () => {
    screen.status = journal(false);
    await settle();
    expect(document.getElementById("status-warning")).toBeNull();
    const countdown = document.querySelector(".inflight .strip-countdown")?.textContent;
    expect(countdown).toMatch(/^nueva consulta en \d+ s$/);
  });
});
