// Limits the console checks as people type, before the server refuses: pure numbers, so the console
// bundles them as they are.

/** Twilio refuses bodies longer than 1,600 characters (ten parts); so do the templates, campaigns and the preview. */
export const MAX_BODY_CHARS = 1600;
