// Checks on a number already stored in E.164 (contacts, campaign recipients), cheap enough for every
// recipient and written once for JavaScript and for PostgreSQL's `~` operator, so the launch's
// snapshot and the worker's last check before sending agree. normalize.ts decides what a typed
// number is; these only re-read a stored one.

/** A Vietnamese number: +84 and a national number of 9 or 10 digits. */
export const VIETNAMESE_NUMBER_PATTERN = "^\\+84[0-9]{9,10}$";

/** A Vietnamese mobile, the only kind that receives SMS: +84, then 3, 5, 7, 8 or 9, and eight digits. */
export const VIETNAMESE_MOBILE_PATTERN = "^\\+84[35789][0-9]{8}$";

const VIETNAMESE_MOBILE = new RegExp(VIETNAMESE_MOBILE_PATTERN);

export function isVietnameseMobile(e164: string): boolean {
  return VIETNAMESE_MOBILE.test(e164);
}
