// Staff notes as stored and as the API shows them, and the one draft per author and call that the
// console's note form saves as the staff member types (upserted; finishing it makes it final).
import type { NoteCategoryLabel } from "../../contract/hotline/note-categories.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import { conflict, invalidField } from "../../platform/http/errors.js";
import { assertChoosable } from "../note-categories/choosable.js";

/** What a note is read with: its author's name and its category's row (names, kind, active). */
export const noteInclude = {
  author: { select: { name: true } },
  categoryRow: { select: { code: true, nameVi: true, nameEn: true, kind: true, active: true } },
} as const;
export type NoteRow = Prisma.CallNoteGetPayload<{ include: typeof noteInclude }>;

export function presentNote({ author, categoryRow, ...note }: NoteRow) {
  const categoryLabel: NoteCategoryLabel | null = categoryRow;
  return { ...note, authorName: author.name, categoryLabel };
}

/** What a staff member typed so far; absent fields are left as they are. */
export interface DraftChanges {
  category?: string | null;
  question?: string;
  answer?: string;
  resolved?: boolean;
}

type Tx = Prisma.TransactionClient | Db;

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/**
 * Creates or updates the author's draft on the call. Two saves racing to create it (two tabs, a
 * retried request) meet the partial unique index call_notes_one_draft_key: the loser updates instead.
 */
export async function saveDraft(db: Db, callId: number, authorId: number, changes: DraftChanges): Promise<NoteRow> {
  const attempt = async () => {
    const existing = await db.callNote.findFirst({ where: { callId, authorId, state: "draft" }, select: { id: true, category: true } });
    if (typeof changes.category === "string") await assertChoosable(db, changes.category, "category", existing?.category);
    const data = {
      category: changes.category,
      question: changes.question,
      answer: changes.answer,
      resolved: changes.resolved,
    };
    return existing
      ? db.callNote.update({ where: { id: existing.id }, data, include: noteInclude })
      : db.callNote.create({ data: { ...data, callId, authorId, state: "draft" }, include: noteInclude });
  };
  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return attempt();
  }
}

export function findDraft(db: Db, callId: number, authorId: number): Promise<NoteRow | null> {
  return db.callNote.findFirst({ where: { callId, authorId, state: "draft" }, include: noteInclude });
}

/** What a final note must have: an active category and a question (the database checks the first half too). */
export async function assertFinishable(db: Tx, note: { category: string | null; question: string }): Promise<void> {
  if (!note.category) throw invalidField("category", "required", "category: a final note needs a category");
  await assertChoosable(db, note.category, "category");
  if (note.question.trim() === "") throw invalidField("question", "required", "question: a final note says what the citizen asked");
}

/** Turns the draft final, once: a second finish (another tab) finds no draft left. */
export async function finishDraft(tx: Prisma.TransactionClient, draft: { id: number }): Promise<NoteRow> {
  const { count } = await tx.callNote.updateMany({ where: { id: draft.id, state: "draft" }, data: { state: "final" } });
  if (count === 0) throw conflict("This draft was already finished");
  return tx.callNote.findUniqueOrThrow({ where: { id: draft.id }, include: noteInclude });
}

/** What the audit log keeps of a final note. */
export const auditableNote = (note: NoteRow) => ({
  callId: note.callId,
  category: note.category,
  question: note.question,
  answer: note.answer,
  resolved: note.resolved,
});
