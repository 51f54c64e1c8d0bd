import { minLength, required } from "react-admin";

/**
 * The server's minimum length, checked before sending. Strength and the user's own name are checked by
 * the server only (its estimator's dictionaries are too large for the console) and come back as
 * tthc.validation.password_too_weak / password_personal next to the field.
 */
export const PASSWORD_MIN_LENGTH = 12;

export const validatePassword = [required(), minLength(PASSWORD_MIN_LENGTH)];

export const validatePasswordConfirmation = [
  required(),
  (value: unknown, values: Record<string, unknown>) => (value === values.password ? undefined : "tthc.validation.password_mismatch"),
];
