// An article as written: the checks the schema cannot make (a real day, an existing agency the writer
// may write for), and the row's data with text trimmed and empty optional fields as null.
import type { SessionUser } from "../../access/auth/sessions.js";
import { isRealDate } from "../../clock/vietnam-time.js";
import type { KnowledgeArticleInput } from "../../contract/hotline/knowledge.js";
import type { Db } from "../../platform/db/client.js";
import { forbidden, invalidField } from "../../platform/http/errors.js";
import { type KnowledgeAccess, mayWrite } from "./access.js";

const blankToNull = (text: string | null | undefined) => {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
};

/** The columns an input writes, checked. Throws a 4xx naming the field. */
export async function articleData(db: Db, access: KnowledgeAccess, user: SessionUser, body: KnowledgeArticleInput) {
  const reviewOn = blankToNull(body.reviewOn);
  if (reviewOn !== null && !isRealDate(reviewOn)) throw invalidField("reviewOn", "format", "reviewOn must be a real day YYYY-MM-DD");
  const agency = await db.agency.findUnique({ where: { id: body.agencyId }, select: { id: true } });
  if (!agency) throw invalidField("agencyId", "not_found", "No such agency");
  if (!mayWrite(access, body.agencyId)) throw forbidden("Articles can only be given to agencies of your own subtree");
  return {
    title: body.title.trim(),
    answer: body.answer.trim(),
    topic: blankToNull(body.topic),
    procedureCode: blankToNull(body.procedureCode),
    procedureName: blankToNull(body.procedureName),
    agencyId: body.agencyId,
    links: (body.links ?? []).map((link) => ({ label: link.label.trim(), url: link.url })),
    reviewOn: reviewOn === null ? null : new Date(`${reviewOn}T00:00:00Z`),
    status: body.status ?? "draft",
    updatedById: user.id,
  };
}
