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
    /** The last keys seen and what became of them (for support and the window tests). */
    __ventanillaKeyLog?: string[];
  }
}

const keyLog: string[] = [];
window.__ventanillaKeyLog = keyLog;

function log(line: string): void {
  keyLog.push(line);
  if (keyLog.length > 300) keyLog.splice(0, keyLog.length - 300);
}

export interface KeyboardHooks {
  /** A complete scan, control characters stripped. */
  onScan(code: string): void;
  /** A person's text when no editable field has the focus. */
  onStrayText(text: string): void;
}

let detector: ScanDetector | null = null;

/** Takes over from the early key buffer and starts telling scans from typing. Returns the way
 * to stop (for tests). */
export function installKeyboard(gapMs: number, hooks: KeyboardHooks): () => void {
  const det = new ScanDetector({ gapMs, minLength: 8 });
  detector = det;
  let timer: number | undefined;

  const deliver = (text: string): void => {
    if (!text) return;
    const el = document.activeElement;
    if (isEditable(el)) typeInto(el, text);
    else hooks.onStrayText(text);
  };
  // The timer only decides when held keys are handed over as text. A busy page (a long render)
  // holds back the keys typed meanwhile, and may run this timer before them even when it fires
  // on time: so the wait is cut into short ticks, and a tick that fires late means the page was
  // busy and keys may be queued behind it. Then it yields to them a few times before deciding,
  // so a scan never splits in two.
  let yields = 0;
  const schedule = (): void => {
    window.clearTimeout(timer);
    const d = det.deadline();
    if (d === null) return;
    const planned = performance.now() + Math.min(TICK_MS, Math.max(0, d - performance.now()) + 1);
    timer = window.setTimeout(() => {
      const now = performance.now();
      if (now - planned > LATE_MS && yields < MAX_YIELDS) {
        yields += 1;
        log(`${now.toFixed(1)} timer late=${(now - planned).toFixed(1)} yield`);
        timer = window.setTimeout(() => schedule(), YIELD_MS);
        return;
      }
      if (now < d) {
        schedule();
        return;
      }
      const text = det.tick(now);
      log(`${now.toFixed(1)} timer late=${(now - d).toFixed(1)}${text ? ` text=${JSON.stringify(text)}` : ""}`);
      deliver(text);
      schedule();
    }, planned - performance.now());
  };
  const handle = (key: string, t: number, mods: boolean, e?: KeyboardEvent): void => {
    yields = 0;
    const v = det.key(key, t, mods);
    log(`${t.toFixed(1)} ev=${e ? e.timeStamp.toFixed(1) : "early"} ${JSON.stringify(key)} ${v.action}${v.text ? ` text=${JSON.stringify(v.text)}` : ""}`);
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
  const listener = (e: KeyboardEvent): void => {
    if (e.isComposing) return;
    // Space on a button presses it, unless a burst is under way.
    if (e.key === " " && det.pending() === "" && document.activeElement instanceof HTMLButtonElement) return;
    handle(amountKey(e, document.activeElement), keyTime(e), e.ctrlKey || e.altKey || e.metaKey, e);
  };
  window.addEventListener("keydown", listener, true);
  return () => {
    window.removeEventListener("keydown", listener, true);
    window.clearTimeout(timer);
  };
}

/** Fired later than planned by this much (ms), the timer assumes the page was busy. */
const LATE_MS = 15;
/** The longest single wait (ms) while keys are held: a busy page shows as a late tick. */
const TICK_MS = 10;
const MAX_YIELDS = 4;
const YIELD_MS = 12;

/**
 * When the key was pressed: the event's own time stamp (same clock as performance.now()),
 * which keeps the real rhythm of the keys even when the page handles them late.
 */
function keyTime(e: KeyboardEvent): number {
  const now = performance.now();
  const ts = e.timeStamp;
  return Number.isFinite(ts) && ts > 0 && ts <= now + 50 ? ts : now;
}

/**
 * The key as typed into the focused field. In an amount field (`inputmode="decimal"`) the numeric
 * keypad's decimal key types the screen's decimal mark, `,` in Spanish and `.` in English,
 * whatever the keyboard layout sends: amounts are read by the screen's language, so a keypad
 * `.` on a Spanish screen would be a thousands separator and `12.50` would be refused.
 */
export function amountKey(e: KeyboardEvent, el: Element | null): string {
  const amountField = el instanceof HTMLInputElement && el.getAttribute("inputmode") === "decimal";
  if (e.code !== "NumpadDecimal" || !amountField) return e.key;
  return document.documentElement.lang.toLowerCase().startsWith("en") ? "." : ",";
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
