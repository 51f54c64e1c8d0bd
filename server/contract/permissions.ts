// Who may do what, written once. The server's route guards read it (each console route declares the
// permission it needs), GET /api/auth/me sends the signed-in user's permissions, and the console's
// authProvider.canAccess answers react-admin from that list. Pure: the console bundles it too.
// Which records a permission reaches is not decided here: supervisors and agents see only their own
// agency's subtree, and the server checks that record by record (server/agencies/scope.ts).

/** The roles other than administrators; administrators hold every permission. */
const EVERYONE = ["supervisor", "agent", "campaign_manager", "campaign_approver", "viewer"] as const;
/** The people who take or supervise calls. */
const CALL_STAFF = ["supervisor", "agent"] as const;
/** Those whose work is the phone line: call staff, and viewers who read its reports. Campaign staff never need it. */
const HOTLINE_READERS = [...CALL_STAFF, "viewer"] as const;
/** The people who prepare and approve SMS campaigns. */
const CAMPAIGN_STAFF = ["campaign_manager", "campaign_approver"] as const;
/** Those who handle citizens' data-subject requests (Law 91/2025): a role apart, as the law asks of whoever answers for personal data. */
const PRIVACY_OFFICERS = ["privacy_officer"] as const;
/** Administrators alone. */
const NO_ONE_ELSE = [] as const;

/** react-admin's reading actions: the list, the record, the CSV export. */
const READ = ["list", "show", "export"] as const;

type RoleName = "admin" | (typeof EVERYONE)[number] | (typeof PRIVACY_OFFICERS)[number];

interface Rule {
  /** Who holds it besides administrators. */
  readonly roles: readonly RoleName[];
  /**
   * What it opens in the console beyond its own name: react-admin's actions on the console's
   * resources. A permission "resource:action" always opens that action on that resource.
   */
  readonly console?: Readonly<Record<string, readonly string[]>>;
}

export const PERMISSIONS = {
  // The phone line.
  "calls:read": { roles: HOTLINE_READERS, console: { calls: READ } },
  /** Callers' numbers in full, and the search by caller; others see them masked. */
  "calls:caller-numbers": { roles: CALL_STAFF },
  "reports:read": { roles: HOTLINE_READERS, console: { "satisfaction-report": READ } },
  /**
   * The live board: the line now and staff states, for supervisors their own subtree (the server
   * scopes it), for administrators any agency or the province. Agents take calls; they do not watch
   * their colleagues' states.
   */
  "board:read": { roles: ["supervisor"], console: { board: ["list"] } },
  "callback-requests:read": { roles: CALL_STAFF, console: { "callback-requests": READ } },
  /** Record call-back attempts and close requests. */
  "callback-requests:work": { roles: CALL_STAFF, console: { "callback-requests": ["edit"] } },
  /** The desk: taking calls in the console, the screen-pop, one's own calls and the agency's line. */
  "desk:use": { roles: CALL_STAFF, console: { desk: ["list"] } },
  /** Acting on a call one is on from the desk: pass it to another agency, end one's own leg. */
  "calls:handle": { roles: CALL_STAFF },
  /** Listening in on a live call of one's agency subtree (muted, audited), and taking it over. */
  "calls:listen": { roles: ["supervisor"] },
  /** Who is on duty, and putting staff on or off duty. */
  "staff:duty": { roles: CALL_STAFF },
  /** Reading IVR flow versions, and checking a draft (which stores nothing). */
  "ivr-flow-versions:read": { roles: HOTLINE_READERS, console: { "ivr-flow-versions": READ } },
  "ivr-flow-versions:publish": { roles: NO_ONE_ELSE },
  "ivr-flow-versions:activate": { roles: NO_ONE_ELSE },
  /** The active note categories, to choose from when writing a note (those who may write notes). */
  "note-categories:read": { roles: CALL_STAFF },
  /** The list of note categories itself: add, rename, reorder, deactivate, delete unused ones. */
  "note-categories:manage": { roles: NO_ONE_ELSE, console: { "note-categories": [...READ, "create", "edit", "delete"] } },
  /** Cases of one's agency subtree (and those it passed on); numbers masked without calls:caller-numbers. */
  "cases:read": { roles: HOTLINE_READERS, console: { cases: READ } },
  /** Create cases, work them (assign, state, answer, close, reopen, link calls) and pass them to another agency. */
  "cases:write": { roles: CALL_STAFF, console: { cases: ["create", "edit"] } },
  /** The working days each kind of case may take, and when overdue cases escalate. */
  "case-service-levels:manage": { roles: NO_ONE_ELSE, console: { "case-service-levels": [...READ, "edit"] } },
  /** The knowledge base: search and read articles, count their use. */
  "knowledge:read": { roles: HOTLINE_READERS, console: { "knowledge-articles": READ } },
  /** Write articles (supervisors for their own agency subtree), import and export them as CSV. */
  "knowledge:write": { roles: ["supervisor"], console: { "knowledge-articles": ["create", "edit", "delete", "import"] } },
  /** The province's periodic reports: figures, score and grade per agency, ranked (supervisors see their subtree). */
  "agency-reports:read": { roles: HOTLINE_READERS, console: { "agency-reports": READ } },
  /** The score formula and grade bands of the periodic reports. */
  "report-scoring:manage": { roles: NO_ONE_ELSE, console: { "report-scoring": [...READ, "edit"] } },
  "simulator:run": { roles: ["supervisor"], console: { simulator: ["list"] } },
  /** Every kind of record's retention period and the dry run of the next nightly run. */
  "retention:manage": { roles: NO_ONE_ELSE, console: { retention: ["list", "edit"] } },
  /** The platform's own state: readiness of PostgreSQL and Redis, queue backlogs, failed jobs. */
  "system:health": { roles: NO_ONE_ELSE },

  // Agencies and their hours.
  "agencies:read": { roles: EVERYONE, console: { agencies: READ } },
  /** Routing and hours of an agency; supervisors only within their own subtree. */
  "agencies:edit": { roles: ["supervisor"], console: { agencies: ["edit"] } },
  /** Creating and deleting agencies, and their identity and place in the tree. */
  "agencies:manage": { roles: NO_ONE_ELSE, console: { agencies: ["create", "delete"] } },
  "hours-overrides:read": { roles: HOTLINE_READERS, console: { "hours-overrides": READ } },
  /** Dated overrides; supervisors only for their own subtree, never province-wide. */
  "hours-overrides:write": { roles: ["supervisor"], console: { "hours-overrides": ["create", "edit", "delete"] } },

  // Users and the audit log.
  "users:manage": { roles: NO_ONE_ELSE, console: { users: [...READ, "create", "edit", "delete"] } },
  "audit-logs:read": { roles: NO_ONE_ELSE, console: { "audit-logs": READ } },

  // A citizen's rights over their data (Law 91/2025, docs/privacy-requests.md).
  /** The requests register: record, acknowledge, work, complete or reject data-subject requests. */
  "privacy-requests:handle": { roles: PRIVACY_OFFICERS, console: { "privacy-requests": [...READ, "create", "edit"] } },

  // SMS campaigns.
  "campaigns:read": { roles: CAMPAIGN_STAFF, console: { campaigns: READ } },
  /** Prepare, edit and submit a campaign, and resend its failed messages. */
  "campaigns:manage": { roles: ["campaign_manager"], console: { campaigns: ["create", "edit", "submit", "resend-failed"] } },
  /** Approve or reject a submitted campaign (never one's own: the two-person rule). */
  "campaigns:approve": { roles: ["campaign_approver"], console: { campaigns: ["approve", "reject"] } },
  /** Launch, pause, resume and cancel an approved campaign. */
  "campaigns:send": { roles: CAMPAIGN_STAFF, console: { campaigns: ["launch", "pause", "resume", "cancel"] } },
  /** Contacts, lists, segments, opt-outs and the DNC list; numbers masked without contacts:phone-numbers. */
  "contacts:read": {
    roles: CAMPAIGN_STAFF,
    console: { contacts: READ, "contact-lists": READ, segments: READ, suppressions: READ, dnc: READ },
  },
  /** Everything contacts:read reaches, written: imports, lists, segments, opt-outs, the DNC file. */
  "contacts:write": {
    roles: ["campaign_manager"],
    console: {
      contacts: ["create", "edit", "import"],
      "contact-lists": ["create", "edit", "delete"],
      segments: ["create", "edit", "delete"],
      suppressions: ["create", "edit"],
      dnc: ["import"],
    },
  },
  /** Recipients' phone numbers in full (Law 91/2025: personal data); others see them masked. */
  "contacts:phone-numbers": { roles: ["campaign_manager"] },
  "contacts:delete": { roles: NO_ONE_ELSE },
  /** Lifting an opt-out. */
  "suppressions:delete": { roles: NO_ONE_ELSE },
  /** SMS templates, and the preview of a message with its cost. */
  "sms-templates:read": { roles: CAMPAIGN_STAFF, console: { "sms-templates": READ } },
  "sms-templates:write": { roles: ["campaign_manager"], console: { "sms-templates": ["create", "edit", "delete"] } },
  /** Zalo ZNS templates registered for the OA (their parameters and preview), chosen in the campaign wizard. */
  "zns-templates:read": { roles: CAMPAIGN_STAFF, console: { "zns-templates": READ } },
  "zns-templates:write": { roles: ["campaign_manager"], console: { "zns-templates": ["create", "edit"] } },
  "sms-senders:read": { roles: CAMPAIGN_STAFF, console: { "sms-senders": READ } },
  "sms-senders:write": { roles: NO_ONE_ELSE, console: { "sms-senders": ["create", "edit", "delete"] } },
  /** The sending policy as campaigns read it; the console's policy page is the editor, for sms-policy:write. */
  "sms-policy:read": { roles: CAMPAIGN_STAFF },
  "sms-policy:write": { roles: NO_ONE_ELSE, console: { "sms-policy": [...READ, "edit"] } },
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(name: string): name is Permission {
  return Object.hasOwn(PERMISSIONS, name);
}

/** Every permission the roles hold together. */
export function permissionsOf(roles: readonly string[]): Permission[] {
  if (roles.includes("admin")) return [...PERMISSION_NAMES];
  return PERMISSION_NAMES.filter((name) => (PERMISSIONS[name].roles as readonly string[]).some((role) => roles.includes(role)));
}

/** Whether the roles hold the permission (administrators hold them all). */
export function rolesHold(roles: readonly string[], permission: Permission): boolean {
  return roles.includes("admin") || (PERMISSIONS[permission].roles as readonly string[]).some((role) => roles.includes(role));
}

/**
 * Whether a list of permissions (as GET /api/auth/me sends it) opens react-admin's action on a
 * console resource: the permission "resource:action" itself, or one whose console rule lists it.
 */
export function opens(permissions: readonly string[], resource: string, action: string): boolean {
  return permissions.some((name) => {
    if (!isPermission(name)) return false;
    if (name === `${resource}:${action}`) return true;
    const rule: Rule = PERMISSIONS[name];
    return rule.console?.[resource]?.includes(action) ?? false;
  });
}
