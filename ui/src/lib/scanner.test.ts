import { describe, expect, it } from "vitest";
import { cleanScan, ScanDetector, type KeyVerdict } from "./scanner";

/** Feeds `keys` starting at `t0`, `gap` ms apart; returns every verdict. */
function feed(d: ScanDetector, keys: string[], t0: number, gap: number): KeyVerdict[] {
  return keys.map((k, i) => d.key(k, t0 + i * gap));
}

const BILL = "05700861082790003832152882102060000027480005";

describe("ScanDetector", () => {
  it("a fast burst ending in Enter is a scan, and no key reaches the field", () => {
    const d = new ScanDetector({ gapMs: 50 });
    const out = feed(d, [...BILL, "Enter"], 1000, 10);
    expect(out.slice(0, -1).every((v) => v.action === "hold" && v.text === "")).toBe(true);
    expect(out[out.length - 1]).toEqual({ text: "", action: "scan", code: BILL });
    expect(d.tick(5000)).toBe("");
  });

  it("keeps the first digits of a scan", () => {
    const d = new ScanDetector({ gapMs: 50 });
    const v = feed(d, [..."0012345678", "Enter"], 0, 5).pop();
    expect(v?.code).toBe("0012345678");
  });

  it("slow typing is text, delivered key by key, and Enter then acts normally", () => {
    const d = new ScanDetector({ gapMs: 50 });
    let typed = "";
    let t = 0;
    for (const k of "3000") {
      const v = d.key(k, t);
      typed += v.text;
      expect(v.action).toBe("hold");
      t += 150;
      typed += d.tick(t - 90); // the timer fires 60 ms after the key
    }
    expect(typed).toBe("3000");
    expect(d.key("Enter", t)).toEqual({ text: "", action: "pass" });
  });

  it("slow typing without ticks still comes out in order with the next key", () => {
    const d = new ScanDetector({ gapMs: 50 });
    const out = feed(d, ["1", "2", "3", "Enter"], 0, 200);
    expect(out.map((v) => v.text).join("")).toBe("123");
    expect(out[3]?.action).toBe("pass");
  });

  it("a fast burst without Enter is text once it goes quiet", () => {
    const d = new ScanDetector({ gapMs: 50 });
    const out = feed(d, [..."252"], 0, 5);
    expect(out.every((v) => v.action === "hold")).toBe(true);
    expect(d.deadline()).toBe(60);
    expect(d.tick(30)).toBe("");
    expect(d.tick(60)).toBe("252");
    expect(d.deadline()).toBeNull();
  });

  it("a short burst with Enter is typing, not a scan", () => {
    const d = new ScanDetector({ gapMs: 50, minLength: 8 });
    const out = feed(d, ["4", "2", "Enter"], 0, 5);
    expect(out[2]).toEqual({ text: "42", action: "pass" });
  });

  it("a scan whose rest the window hands over late is still one scan", () => {
    const d = new ScanDetector({ gapMs: 50 });
    // The first 34 digits arrive 6 ms apart; the page's timer then fires before the rest of
    // the burst (queued in the window) reaches it.
    feed(d, [...BILL.slice(0, 34)], 439, 6);
    const last = 439 + 33 * 6;
    expect(d.tick(last + 57)).toBe("");
    const rest = feed(d, [...BILL.slice(34), "Enter"], last + 6, 6);
    expect(rest.every((v) => v.text === "")).toBe(true);
    expect(rest.pop()).toEqual({ text: "", action: "scan", code: BILL });
  });

  it("a long fast burst without Enter becomes text once it has waited for its Enter", () => {
    const d = new ScanDetector({ gapMs: 50, burstWaitMs: 400 });
    feed(d, [..."1234567890"], 0, 5);
    expect(d.deadline()).toBe(45 + 400);
    expect(d.tick(45 + 100)).toBe("");
    expect(d.tick(45 + 400)).toBe("1234567890");
  });

  it("Enter after a pause ends no scan", () => {
    const d = new ScanDetector({ gapMs: 50 });
    feed(d, [..."1234567890"], 0, 5);
    const v = d.key("Enter", 45 + 300);
    expect(v).toEqual({ text: "1234567890", action: "pass" });
  });

  it("strips control characters and noise a scanner adds", () => {
    const d = new ScanDetector({ gapMs: 50 });
    const keys = ["\u0002", ..."12345678", "\u001d", ..."90", "\u0003", "Shift", "Enter"];
    const v = feed(d, keys, 0, 4).pop();
    expect(v).toEqual({ text: "", action: "scan", code: "1234567890" });
    expect(cleanScan("\u0002 0099887766\r\n")).toBe("0099887766");
  });

  it("a scan arriving while a person's text is pending keeps both apart", () => {
    const d = new ScanDetector({ gapMs: 50 });
    d.key("7", 0); // the cashier typed a 7 in the amount field...
    const first = d.key(BILL[0] ?? "", 500); // ...and later the scanner fires
    expect(first).toEqual({ text: "7", action: "hold" });
    const rest = feed(d, [...BILL.slice(1), "Enter"], 510, 10);
    expect(rest.pop()).toEqual({ text: "", action: "scan", code: BILL });
  });

  it("a scan while an input is focused holds every digit (none is typed into it)", () => {
    const d = new ScanDetector({ gapMs: 50 });
    let intoField = "";
    for (const v of feed(d, [...BILL, "Enter"], 100, 12)) intoField += v.text;
    expect(intoField).toBe("");
  });

  it("other keys break a burst: held keys are typed, then the key acts", () => {
    const d = new ScanDetector({ gapMs: 50 });
    feed(d, ["1", "2"], 0, 5);
    expect(d.key("Backspace", 8)).toEqual({ text: "12", action: "pass" });
    feed(d, ["a"], 20, 5);
    expect(d.key("c", 22, true)).toEqual({ text: "a", action: "pass" });
    expect(d.key("F2", 100)).toEqual({ text: "", action: "pass" });
  });
});
