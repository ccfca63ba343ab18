// Tells a barcode scanner from a person, from keystrokes and their timestamps alone.
//
// A USB scanner types like a keyboard, only faster: every key follows the previous one within
// `gapMs`, and the burst ends in Enter. Printable keys are held back until we know: a burst
// that ends in Enter and is long enough is a scan (nothing reaches the focused field); anything
// else is text and is handed back, in order, to be typed into the focused field. No key is lost.
//
// Pure: no DOM, no clock. The caller feeds keys with their times and carries out the returned
// actions; `tick` is called when `deadline()` passes.

export interface ScanOptions {
  /** Keys closer together than this (ms) may be a scanner. */
  gapMs: number;
  /** Shortest scan (bill barcodes have at least 8 digits). */
  minLength: number;
  /**
   * How long (ms) a burst of at least `minLength` fast keys waits for its Enter. No person
   * types like that, and the window may hand the page the rest of a scan late (its key events
   * cross a process boundary): a scan must not be cut in two and typed as text.
   */
  burstWaitMs: number;
}

export interface KeyVerdict {
  /** Type this into the focused field first: held keys that turned out to be a person's. */
  text: string;
  /** This key: hold it back (prevent its default), let it act, or consume it as a scan's end. */
  action: "hold" | "pass" | "scan";
  /** The scanned code without control characters, when `action` is "scan". */
  code?: string;
}

interface Held {
  ch: string;
  t: number;
}

const IGNORED = new Set(["Shift", "Control", "Alt", "AltGraph", "Meta", "CapsLock", "NumLock", "Dead"]);

/** True for characters a scanner may add around the code (STX, ETX, GS, CR, DEL...). */
export function isControl(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return c < 0x20 || (c >= 0x7f && c < 0xa0);
}

/** Removes control characters and surrounding spaces from what a scanner sent. */
export function cleanScan(raw: string): string {
  return Array.from(raw)
    .filter((ch) => !isControl(ch))
    .join("")
    .trim();
}

export class ScanDetector {
  private held: Held[] = [];
  private opts: ScanOptions;

  constructor(opts: Partial<ScanOptions> = {}) {
    this.opts = { gapMs: opts.gapMs ?? 50, minLength: opts.minLength ?? 8, burstWaitMs: opts.burstWaitMs ?? 400 };
  }

  setGap(gapMs: number): void {
    if (gapMs > 0) this.opts.gapMs = gapMs;
  }

  /** When `tick` must be called (the held keys become text if nothing follows), or null. */
  deadline(): number | null {
    const last = this.held[this.held.length - 1];
    if (!last) return null;
    return last.t + (this.held.length >= this.opts.minLength ? Math.max(this.opts.gapMs, this.opts.burstWaitMs) : this.opts.gapMs);
  }

  /** Keys held back and not yet decided, as text. */
  pending(): string {
    return this.held.map((h) => h.ch).join("");
  }

  /**
   * One keydown. `key` is `KeyboardEvent.key`; `mods` true when Ctrl, Alt or Meta is down
   * (a shortcut, never scanner data). `t` in ms.
   */
  key(key: string, t: number, mods = false): KeyVerdict {
    if (IGNORED.has(key)) {
      // Modifiers alone neither break a burst nor do anything: let them be.
      return { text: "", action: "pass" };
    }
    const last = this.held[this.held.length - 1];
    // The previous keys have gone quiet: they were typed by a person.
    const text = last !== undefined && t - last.t >= this.opts.gapMs ? printable(this.take()) : "";
    if (key === "Enter") {
      if (this.held.length === 0) return { text, action: "pass" };
      const raw = this.take();
      const code = cleanScan(raw);
      if (code.length >= this.opts.minLength) return { text, action: "scan", code };
      return { text: text + printable(raw), action: "pass" };
    }
    if (!mods && Array.from(key).length === 1) {
      this.held.push({ ch: key, t });
      return { text, action: "hold" };
    }
    // Any other key (Tab, arrows, F-keys, Backspace, shortcuts): what was held is text, then
    // the key does its usual job.
    return { text: text + printable(this.take()), action: "pass" };
  }

  /** The clock moved on: if the held keys have gone quiet, they are text. */
  tick(t: number): string {
    const d = this.deadline();
    if (d === null || t < d) return "";
    return printable(this.take());
  }

  private take(): string {
    const s = this.pending();
    this.held = [];
    return s;
  }
}

function printable(s: string): string {
  return Array.from(s)
    .filter((ch) => !isControl(ch))
    .join("");
}
