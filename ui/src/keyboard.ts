// Wires the scan detector to the real keyboard. Installed on window in the capture phase, so it
// sees every key before any field does. Printable keys are held back until the detector knows
// whether they are a scan; a person's keys are then typed into the focused field, in order.
// Keys pressed before the bundle loaded were kept by the inline script in index.html and are
// replayed here first.

import { ScanDetector } from "./scanner";

export interface EarlyKey {
  key: string;
  t: number;
  mods: boolean;
}

declare global {
  interface Window {
    __ventanillaKeys?: { takeOver(): EarlyKey[] };
  }
}

export interface KeyboardHooks {
  /** A complete scan, control characters stripped. */
  onScan(code: string): void;
  /** A person's text when no editable field has the focus. */
  onStrayText(text: string): void;
}

let detector: ScanDetector | null = null;

/** Takes over from the early key buffer and starts telling scans from typing. */
export function installKeyboard(gapMs: number, hooks: KeyboardHooks): void {
  const det = new ScanDetector({ gapMs, minLength: 8 });
  detector = det;
  let timer: number | undefined;

  const deliver = (text: string): void => {
    if (!text) return;
    const el = document.activeElement;
    if (isEditable(el)) typeInto(el, text);
    else hooks.onStrayText(text);
  };
  const schedule = (): void => {
    window.clearTimeout(timer);
    const d = det.deadline();
    if (d === null) return;
    timer = window.setTimeout(
      () => {
        deliver(det.tick(performance.now()));
        schedule();
      },
      Math.max(0, d - performance.now()) + 1,
    );
  };
  const handle = (key: string, t: number, mods: boolean, e?: KeyboardEvent): void => {
    const v = det.key(key, t, mods);
    deliver(v.text);
    if (v.action === "hold" || v.action === "scan") {
      e?.preventDefault();
      e?.stopImmediatePropagation();
    }
    if (v.action === "scan" && v.code) hooks.onScan(v.code);
    schedule();
  };

  // The keys typed while the page was loading, oldest first: only text and Enter are replayed.
  const early = window.__ventanillaKeys?.takeOver() ?? [];
  for (const k of early) {
    if (k.key === "Enter" || (!k.mods && Array.from(k.key).length === 1)) handle(k.key, k.t, k.mods);
  }
  window.addEventListener(
    "keydown",
    (e) => {
      if (e.isComposing) return;
      handle(e.key, performance.now(), e.ctrlKey || e.altKey || e.metaKey, e);
    },
    true,
  );
}

export function setScanGap(gapMs: number): void {
  detector?.setGap(gapMs);
}

function isEditable(el: Element | null): el is HTMLInputElement | HTMLTextAreaElement {
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled;
  if (!(el instanceof HTMLInputElement)) return false;
  const textual = ["text", "search", "tel", "number", "email", "url", "password", "date", ""];
  return textual.includes(el.type) && !el.readOnly && !el.disabled;
}

/** Types `text` at the caret as if the person had, firing the usual input event. */
function typeInto(el: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  let ok = false;
  try {
    ok = document.execCommand("insertText", false, text);
  } catch {
    ok = false;
  }
  if (ok) return;
  const start = el.selectionStart ?? el.value.length;
  const end = el.selectionEnd ?? start;
  let insert = text;
  if (el.maxLength > 0) insert = insert.slice(0, Math.max(0, el.maxLength - (el.value.length - (end - start))));
  try {
    el.setRangeText(insert, start, end, "end");
  } catch {
    el.value += insert;
  }
  el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: insert }));
}
