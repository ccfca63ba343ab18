// After a crash: the sales the last run left unresolved and the hub settled since are told,
// until the cashier acknowledges them (and again if more come).
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../generated/ipc", () => import("../testing/ipc-mock"));

const { commands, resetCommands } = await import("../testing/ipc-mock");
const { status } = await import("../testing/fixtures");
const { settle, showApp, text } = await import("../testing/render");
const { statusChanged } = await import("../status/link");

describe("sales settled since a restart", () => {
  beforeEach(() => {
    resetCommands();
    showApp();
  });

  it("are told, and go once acknowledged", async () => {
    statusChanged(status("online", false, { settledAtStart: 2 }));
    await settle();
    expect(document.getElementById("settled-at-start")?.dataset.count).toBe("2");
    expect(text("#settled-at-start")).toContain("2 ventas que quedaron pendientes");
    (document.getElementById("settled-close") as HTMLButtonElement).click();
    await settle();
    expect(document.getElementById("settled-at-start")).toBeNull();
    statusChanged(status("online", false, { settledAtStart: 3 }));
    await settle();
    expect(document.getElementById("settled-at-start")?.dataset.count).toBe("3");
  });

  it("open the history on request", async () => {
    commands.history.mockResolvedValue([]);
    statusChanged(status("online", false, { settledAtStart: 1 }));
    await settle();
    (document.getElementById("settled-open") as HTMLButtonElement).click();
    await settle();
    expect(document.getElementById("history")).not.toBeNull();
    expect(document.getElementById("settled-at-start")).toBeNull();
  });

  it("are not mentioned when there are none", async () => {
    statusChanged(status("online"));
    await settle();
    expect(document.getElementById("settled-at-start")).toBeNull();
  });
});
