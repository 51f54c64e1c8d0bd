// Limits the console checks as people type, before the server refuses: pure numbers, so the console
// bundles them as they are.

/** An agency's code: unaccented letters, digits, ".", "_" and "-", as in "P-QUYNHON" (it appears in URLs, exports and logs). */
export const AGENCY_CODE_PATTERN = "^[A-Za-z0-9._-]{1,50}$";

/** Twilio refuses bodies longer than 1,600 characters (ten parts); so do the templates, campaigns and the preview. */
export const MAX_BODY_CHARS = 1600;

/** A note category's code: lower-case letters, digits and _ (the database checks it too). */
export const NOTE_CATEGORY_CODE = "^[a-z0-9_]{1,50}$";
/** A note category's name, in either language. */
export const NOTE_CATEGORY_NAME_MAX = 200;
/** How long a note's texts may be (the API refuses longer ones naming the field). */
export const NOTE_QUESTION_MAX = 4000;
export const NOTE_ANSWER_MAX = 8000;
/** The longest reason a staff member may give for passing a call on (desk transfer). */
export const TRANSFER_REASON_MAX = 500;

/** A knowledge article's title, and its answer (read aloud, and inserted into a note's answer: not longer than that). */
export const KNOWLEDGE_TITLE_MAX = 300;
export const KNOWLEDGE_ANSWER_MAX = NOTE_ANSWER_MAX;
/** A procedure code of the national catalogue: "1.001193", "2.000488.000.00.00.H12". */
export const PROCEDURE_CODE_PATTERN = "^[0-9A-Za-z][0-9A-Za-z._-]{0,59}$";
/** An IVR topic id, as ivr-flows names them (ho_tich, cu_tru). */
export const TOPIC_PATTERN = "^[a-z][a-z0-9_]{0,59}$";
/** Links of an article: at most this many, each an http(s) URL. */
export const KNOWLEDGE_LINKS_MAX = 10;
