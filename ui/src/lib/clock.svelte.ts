// The screen's clock: one value that changes once a second. Only what shows an age or a
// countdown reads it, so only those texts are redrawn each second.

class Clock {
  now = $state(performance.now());
}

export const clock = new Clock();

/** Starts the once-a-second tick; returns the way to stop it. */
export function startClock(): () => void {
  const id = window.setInterval(() => {
    clock.now = performance.now();
  }, 1000);
  return () => window.clearInterval(id);
}
