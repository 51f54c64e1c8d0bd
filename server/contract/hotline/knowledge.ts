// The knowledge base (/api/knowledge-articles): answers written for reading aloud over the phone,
// searched from the desk and the case form; each insertion of an answer counts a use (issue 13,
// docs/cases.md).
import Type from "typebox";
import { KNOWLEDGE_STATUSES, type KnowledgeStatus } from "../enums.js";
import { KNOWLEDGE_ANSWER_MAX, KNOWLEDGE_LINKS_MAX, KNOWLEDGE_TITLE_MAX, PROCEDURE_CODE_PATTERN, TOPIC_PATTERN } from "../limits.js";
import { DateTime, Nullable, StringEnum, type WireOf } from "../schema.js";

export const KnowledgeLink = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 200, pattern: "\\S" }),
    /** http(s) only: the public page renders it as a link. */
    url: Type.String({ maxLength: 2000, pattern: '^https?://[^\\s<>"]+$' }),
  },
  { additionalProperties: false },
);
export type KnowledgeLink = WireOf<typeof KnowledgeLink>;

export const KnowledgeArticle = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  answer: Type.String(),
  topic: Nullable(Type.String()),
  procedureCode: Nullable(Type.String()),
  procedureName: Nullable(Type.String()),
  agencyId: Type.Integer(),
  agencyName: Type.String(),
  links: Type.Array(KnowledgeLink),
  /** YYYY-MM-DD: the day it should be checked again. */
  reviewOn: Nullable(Type.String()),
  /** The review day has passed (Vietnam date). */
  stale: Type.Boolean(),
  status: StringEnum<KnowledgeStatus>(KNOWLEDGE_STATUSES),
  useCount: Type.Integer(),
  lastUsedAt: Nullable(DateTime),
  /** Whether the signed-in user may edit or delete it (knowledge:write and, for supervisors, their subtree). */
  canEdit: Type.Boolean(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type KnowledgeArticle = WireOf<typeof KnowledgeArticle>;

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: "\\S" });
const Optional = <T extends Type.TSchema>(schema: T) => Type.Optional(Nullable(schema));

/** POST and PUT bodies. */
export const KnowledgeArticleInput = Type.Object(
  {
    title: Text(KNOWLEDGE_TITLE_MAX),
    answer: Text(KNOWLEDGE_ANSWER_MAX),
    topic: Optional(Type.String({ pattern: TOPIC_PATTERN })),
    procedureCode: Optional(Type.String({ pattern: PROCEDURE_CODE_PATTERN })),
    procedureName: Optional(Type.String({ maxLength: 500 })),
    agencyId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
    links: Type.Optional(Type.Array(KnowledgeLink, { maxItems: KNOWLEDGE_LINKS_MAX })),
    reviewOn: Optional(Type.String({ pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })),
    status: Type.Optional(StringEnum<KnowledgeStatus>(KNOWLEDGE_STATUSES)),
  },
  { additionalProperties: false },
);
export type KnowledgeArticleInput = WireOf<typeof KnowledgeArticleInput>;

/** POST /:id/uses: an answer was inserted, on this call or case. */
export const KnowledgeUseInput = Type.Object(
  {
    callId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }))),
    caseId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }))),
  },
  { additionalProperties: false },
);
export type KnowledgeUseInput = WireOf<typeof KnowledgeUseInput>;

export const KnowledgeUse = Type.Object({ articleId: Type.Integer(), useCount: Type.Integer() });
export type KnowledgeUse = WireOf<typeof KnowledgeUse>;

/** The answer of a CSV import: how many rows were written, and why each other row was not. */
export const KnowledgeImportRowError = Type.Object({
  /** The line of the file (the header is line 1). */
  row: Type.Integer(),
  /** The column at fault, when one is. */
  column: Nullable(Type.String()),
  /** tthc.validation.* reason key. */
  reason: Type.String(),
  message: Type.String(),
});
export type KnowledgeImportRowError = WireOf<typeof KnowledgeImportRowError>;

export const KnowledgeImportResult = Type.Object({
  totalRows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  errors: Type.Array(KnowledgeImportRowError),
});
export type KnowledgeImportResult = WireOf<typeof KnowledgeImportResult>;
