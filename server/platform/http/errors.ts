// Errors the console understands: JSON `{ message, code?, errors?: { field: reason } }`, which
// react-admin shows next to the field. Reasons are translation keys (tthc.validation.*, ra.validation.*)
// with plain English in `message` for other API clients. The reasons are listed in
// server/contract/error-reasons.ts, which the console's translations are checked against.
import type { ErrorReason, FieldErrorKey } from "../../contract/error-reasons.js";

/** `{ field: reason key }`, as react-admin's forms read them. */
export type FieldErrors = Record<string, FieldErrorKey>;

export interface HttpErrorDetails {
  errors?: FieldErrors;
  /** A stable machine-readable code the console translates, e.g. invalid_credentials. */
  code?: string;
  /** Seconds, sent as Retry-After with 429 and 503. */
  retryAfter?: number;
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details: HttpErrorDetails = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export const badRequest = (message: string, errors?: FieldErrors) => new HttpError(400, message, { errors });
export const unauthorized = (message = "Authentication required", code = "unauthenticated") => new HttpError(401, message, { code });
export const forbidden = (message = "You do not have permission to do this") => new HttpError(403, message, { code: "forbidden" });
export const notFound = (message = "Not found") => new HttpError(404, message, { code: "not_found" });
export const conflict = (message: string, errors?: FieldErrors) => new HttpError(409, message, { errors, code: "conflict" });
export const tooManyRequests = (message: string, retryAfter: number) =>
  new HttpError(429, message, { code: "too_many_attempts", retryAfter });
export const unavailable = (message: string, retryAfter = 5) => new HttpError(503, message, { code: "unavailable", retryAfter });

/** A field-level validation failure with the reason key the console translates. */
export function invalidField(field: string, reason: ErrorReason, message: string, status = 400): HttpError {
  return new HttpError(status, message, { errors: { [field]: `tthc.validation.${reason}` }, code: reason });
}
