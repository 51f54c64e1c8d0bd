// Every Prisma model that holds a citizen's number or data about them, in the order erasure walks
// them, and every model that looks personal but is not a citizen's data, with the reason. A test
// (test/architecture/personal-data-registry.test.ts) reads prisma/schema.prisma and fails on a model
// in neither list. Order matters: what is found through a row goes before that row (recipient links
// before the recipient's number is replaced, callback attempts before their request).

import { caseCalls, caseEvents, caseLinks, caseSurveyAnswers, cases } from "./cases.js";
import {
  callbackAttempts,
  callbackRequests,
  callEvents,
  callNotes,
  calls,
  queueEntries,
  recordings,
  surveyAnswers,
  surveyLinks,
} from "./hotline.js";
import {
  campaignRecipients,
  contactImportErrors,
  contactListMembers,
  contacts,
  dncNumbers,
  linkRequests,
  recipientLinks,
  smsMessages,
  suppressions,
} from "./outreach.js";
import { auditLogs, erasedNumbers, privacyRequests } from "./platform.js";
import type { Excused, Holder } from "./types.js";

export const HOLDERS: Holder[] = [
  // The hotline: recordings first (deleted at Twilio), the call itself anonymised after what hangs off it.
  recordings,
  callNotes,
  surveyAnswers,
  surveyLinks,
  queueEntries,
  callEvents,
  calls,
  callbackAttempts,
  callbackRequests,
  // Cases: the history before the case.
  caseEvents,
  caseSurveyAnswers,
  caseLinks,
  caseCalls,
  cases,
  // Outreach: links and messages before the recipient's number becomes its token.
  recipientLinks,
  linkRequests,
  smsMessages,
  campaignRecipients,
  contactListMembers,
  contacts,
  contactImportErrors,
  suppressions,
  dncNumbers,
  // Kept: the audit trail (number → token) and the hash that stops messages.
  auditLogs,
  erasedNumbers,
  privacyRequests,
];

export const EXCUSED: Excused[] = [
  {
    model: "User",
    reason: "Staff accounts (name, e-mail, work phone): the province's employees, not citizens; managed under access/users.",
  },
  { model: "Session", reason: "A staff member's console session (hash of the cookie's token): no citizen data." },
  { model: "PresenceChange", reason: "A staff member's availability over time; the call id links to an anonymised call at most." },
  { model: "CallLeg", reason: "Which staff member answered, was consulted or listened: staff data; the call it belongs to is anonymised." },
  {
    model: "KnowledgeArticleUse",
    reason: "Only that staff used an article on a call or case: no citizen data (the case is deleted, the call anonymised).",
  },
  { model: "Agency", reason: "The province's agency tree (names, addresses of offices): public bodies, not people." },
  { model: "HoursOverride", reason: "An agency's dated opening hours: no person." },
  { model: "Setting", reason: "Configuration values (retention periods, survey, the active flow): no person." },
  { model: "IvrFlowVersion", reason: "The published IVR flow and who published it (staff): no citizen data." },
  { model: "NoteCategory", reason: "The list of note categories: no person." },
  { model: "KnowledgeArticle", reason: "Public answers of the knowledge base, written for everyone: no citizen data." },
  { model: "Campaign", reason: "The campaign's text is the same for every recipient; recipients are in CampaignRecipient." },
  { model: "SmsTemplate", reason: "Reusable message texts, the same for every recipient." },
  { model: "SmsSender", reason: "A registered brandname and its provider: no person." },
  { model: "ContactList", reason: "A list's name and description (a group, not a person); members are in ContactListMember." },
  { model: "Segment", reason: "A saved filter over contacts (agencies, age groups, tags): no person." },
  { model: "ContactImport", reason: "One CSV upload's file name and counts; the refused rows are in ContactImportError." },
  { model: "TrackedLink", reason: "A campaign's portal URL and its code, the same for every recipient." },
  { model: "ReportSnapshot", reason: "Aggregate counts of a closed month or quarter: no person." },
  { model: "CaseServiceLevel", reason: "Working days per kind of case: no person." },
  { model: "CaseCounter", reason: "The last case number of each year: no person." },
  { model: "ZnsTemplate", reason: "A registered Zalo template's name and parameters, the same for every recipient: no person." },
  {
    model: "PrivacyExport",
    reason: "Where an export archive is and who downloaded it (staff); the archive itself is deleted after download or expiry.",
  },
];
