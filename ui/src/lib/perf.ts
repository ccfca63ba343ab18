// Marks for the benchmarks: `scan-ready` the first time the scan field has the focus (cold
// start), `scan-enter` when Enter completes a scan (or a typed code), `bill-painted` when the
// bill card of that lookup is on screen, and the measure `scan-to-bill` between them.

import { tick } from "svelte";

/** Measures kept before the oldest are dropped (a shift scans thousands of bills). */
const KEEP_MEASURES = 500;

let pending = false;
let ready = false;

/** The scan field has the focus: the counter is ready to serve (marked once). */
export function markScanReady(): void {
  if (ready) return;
  ready = true;
  performance.mark("scan-ready");
}

export function markScanEnter(): void {
  performance.clearMarks("scan-enter");
  performance.clearMarks("bill-painted");
  performance.mark("scan-enter");
  pending = true;
}

/** The app answered the lookup: splits scan-to-bill into the call and the drawing. */
export function markLookupAnswered(): void {
  if (!pending) return;
  performance.mark("lookup-answered");
  if (performance.getEntriesByName("scan-to-answer", "measure").length >= KEEP_MEASURES) {
    performance.clearMeasures("scan-to-answer");
  }
  performance.measure("scan-to-answer", "scan-enter", "lookup-answered");
}

/** The lookup found nothing to show: no bill will be painted for that scan. */
export function forgetScan(): void {
  pending = false;
}

/** The bill card of the pending scan was drawn: mark it once the frame is painted. */
export async function markBillPainted(): Promise<void> {
  if (!pending) return;
  pending = false;
  await tick();
  requestAnimationFrame(() => {
    performance.mark("bill-painted");
    if (performance.getEntriesByName("scan-to-bill", "measure").length >= KEEP_MEASURES) {
      performance.clearMeasures("scan-to-bill");
    }
    performance.measure("scan-to-bill", "scan-enter", "bill-painted");
  });
}
