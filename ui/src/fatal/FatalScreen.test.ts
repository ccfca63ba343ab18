// Ported from fatal.test.ts.
import { describe, expect, it } from "vitest";
import { showFatal } from "./show";

describe("showFatal", () => {
  it("fills the window with the app's message and what to do", () => {
    document.body.innerHTML = '<div id="app" aria-busy="true"><p class="loading">Ventanilla…</p></div>';
    const root = document.getElementById("app") as HTMLElement;
    const message =
      "El diario de la caja (journal.sqlite) está dañado o incompleto, y sin él no se puede cobrar. No lo borre ni lo reemplace: avise al supervisor para restaurarlo. (file is not a database)";
    showFatal(root, message);
    expect(root.hasAttribute("aria-busy")).toBe(false);
    expect(root.querySelector(".loading")).toBeNull();
    expect(root.querySelector("#fatal")?.getAttribute("role")).toBe("alert");
    expect(root.querySelector("#fatal-message")?.textContent).toBe(message);
    const steps = Array.from(root.querySelectorAll(".fatal-steps li")).map((li) => li.textContent ?? "");
    expect(steps.some((s) => s.includes("supervisor"))).toBe(true);
    expect(steps.some((s) => s.includes("vuelva a abrir"))).toBe(true);
    expect(document.querySelector(".statusbar")).toBeNull();
  });
});
