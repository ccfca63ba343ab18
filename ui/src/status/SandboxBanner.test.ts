// The banner says only that this is the training simulator; the status bar owns the link.
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../generated/ipc", () => import("../testing/ipc-mock"));

const { resetCommands } = await import("../testing/ipc-mock");
const { status } = await import("../testing/fixtures");
const { settle, showApp, text } = await import("../testing/render");
const { statusChanged } = await import("./link");

describe("the sandbox banner", () => {
  beforeEach(() => resetCommands());

  it("claims no link, while the status bar says the link is down", async () => {
    showApp();
    statusChanged(status("offline"));
    await settle();
    const banner = text("#sandbox-banner");
    expect(banner).toContain("simulador");
    expect(banner).not.toMatch(/conectado|connected|sandbox/i);
    expect(document.getElementById("link-traxion")?.dataset.state).toBe("offline");
    expect(text("#link-traxion")).toContain("sin conexión");
  });

  it("uses the app's words, and its own in the screen's language when the app has none", async () => {
    showApp({ locale: "es" });
    await settle();
    expect(text("#sandbox-banner")).toBe("Modo prueba (simulador): nada se cobra de verdad");
    showApp({ locale: "es", modeLabel: null });
    await settle();
    expect(text("#sandbox-banner")).toBe("MODO PRUEBA — simulador de entrenamiento: los cobros no son reales");
    showApp({ locale: "en", modeLabel: null });
    await settle();
    expect(text("#sandbox-banner")).toBe("TEST MODE — training simulator: payments are not real");
  });

  it("is not there outside the sandbox", async () => {
    showApp({ sandbox: false });
    await settle();
    expect(document.getElementById("sandbox-banner")).toBeNull();
  });
});
