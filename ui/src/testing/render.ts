// Renders the whole main screen for a test, with the keys wired as start() wires them (the
// scanner's glue is left out: these tests press keys one at a time).

import { render } from "@testing-library/svelte";
import { tick } from "svelte";
import App from "../app/App.svelte";
import { onKey } from "../app/keys";
import type { AppInfo } from "../generated/ipc";
import { clearToasts } from "../inflight/toasts";
import { setLocale } from "../lib/i18n";
import { screen } from "../lib/state.svelte";
import { focusPrimary } from "../next/nav";
import { info } from "./fixtures";

// jsdom lays nothing out.
Element.prototype.scrollIntoView = function () {};

export function showApp(over: Partial<AppInfo> = {}): void {
  const i = info(over);
  setLocale(i.locale);
  clearToasts();
  screen.reset(i);
  window.removeEventListener("keydown", onKey);
  window.addEventListener("keydown", onKey);
  render(App);
  focusPrimary();
}

/** A key pressed where the focus is, as the browser sends it. */
export function press(key: string): KeyboardEvent {
  const e = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true });
  (document.activeElement ?? document.body).dispatchEvent(e);
  return e;
}

/** Enter as the browser handles it: the key, then, on a focused button, its click. */
export function pressEnter(): void {
  const e = press("Enter");
  const at = document.activeElement;
  if (!e.defaultPrevented && at instanceof HTMLButtonElement) at.click();
}

/** Lets answers that already arrived (resolved promises) and Svelte's updates land. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await tick();
  }
}

export function text(selector: string): string {
  return document.querySelector(selector)?.textContent?.replace(/\s+/g, " ").trim() ?? "";
}
