// Errors from the app's commands: every one is a `UiError` ({code, message}) whose message is
// already in the cashier's words. Anything else is a bug: logged, and shown as a plain sentence.

import type { ErrorCode, UiError } from "../generated/ipc";

export function isUiError(e: unknown): e is UiError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as { code?: unknown }).code === "string" &&
    typeof (e as { message?: unknown }).message === "string"
  );
}

/** The cashier-facing sentence for a failed call; never raw JSON. */
export function errorMessage(e: unknown, fallback: string): string {
  if (isUiError(e)) return e.message;
  console.error("unexpected error from a command", e);
  return fallback;
}

export function errorCode(e: unknown): ErrorCode | null {
  return isUiError(e) ? e.code : null;
}
