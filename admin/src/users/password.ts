import { minLength, required } from "react-admin";

/** Mirrors the server's rule; the server still checks (tthc.validation.password_too_short). */
export const PASSWORD_MIN_LENGTH = 10;

export const validatePassword = [required(), minLength(PASSWORD_MIN_LENGTH)];

export const validatePasswordConfirmation = [
  required(),
  (value: unknown, values: Record<string, unknown>) => (value === values.password ? undefined : "tthc.validation.password_mismatch"),
];
