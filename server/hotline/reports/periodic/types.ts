import type { ErrorReason } from "../../../contract/error-reasons.js";

/** A refusal per field, as the error handler sends it. */
export type FieldErrors = Partial<Record<string, ErrorReason>>;
