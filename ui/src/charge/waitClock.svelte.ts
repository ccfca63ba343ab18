// The waiting charge's seconds left and seconds waited, ticking with the screen's clock.
// `clock.now` only makes them tick; the times themselves are wall-clock.

import type { TenderView } from "../generated/ipc";
import { clock } from "../lib/clock.svelte";
import { secondsLeft, waitedSecs } from "./countdown";

export interface WaitClock {
  readonly left: number;
  readonly waited: number;
}

/** The times of the charge `charge()` returns; call while a component is set up. */
export function waitClock(charge: () => TenderView): WaitClock {
  const left = $derived.by(() => {
    void clock.now;
    return secondsLeft(charge(), Date.now());
  });
  const waited = $derived.by(() => {
    void clock.now;
    return waitedSecs(charge(), Date.now());
  });
  return {
    get left() {
      return left;
    },
    get waited() {
      return waited;
    },
  };
}
