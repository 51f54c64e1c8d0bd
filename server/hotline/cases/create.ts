// Creating a case: from a call's final note (phone from the call, question and kind from the note,
// agency from the call's or the author's), from a callback request or voicemail (phone and agency
// the request's), or by hand. One case per note and per request (unique columns: a second attempt is
// a 409 naming the case). The code's sequence is taken in the creating transaction under the
// counter row's lock: two creations never share a number, and a rolled-back one gives its number back.

import { visibleAgencyIds } from "../../agencies/scope.js";
import { vietnamClock } from "../../clock/vietnam-time.js";
import type { CaseSource, NoteKind } from "../../contract/enums.js";
import type { CaseCreate } from "../../contract/hotline/cases.js";
import { Prisma } from "../../generated/prisma/client.js";
import { WITHHELD_CALLER } from "../../phone/caller-id.js";
import { normalizeVietnamesePhone } from "../../phone/normalize.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import type { Db } from "../../platform/db/client.js";
import { badRequest, conflict, invalidField } from "../../platform/http/errors.js";
import { canSeeCall } from "../call-log/access.js";
import { formatCaseCode } from "./code.js";
import { caseDeadline } from "./deadline.js";
import { loadSchedules } from "./schedules.js";
import { auditView, type CaseActor } from "./service.js";

/** Used when a service level row is missing (an administrator cannot delete one, but a restore might). */
const DEFAULT_WORKING_DAYS = 5;

interface Origin {
  phone: string;
  question: string | null;
  kind: NoteKind | null;
  agencyId: number | null;
  callId: number | null;
  source: CaseSource;
}

async function fromNote(db: Db, actor: CaseActor, noteId: number): Promise<Origin> {
  const note = await db.callNote.findUnique({
    where: { id: noteId },
    include: {
      call: { select: { id: true, caller: true, agencyId: true, staffId: true } },
      categoryRow: { select: { kind: true } },
      author: { select: { agencyId: true } },
    },
  });
  if (!note || !(await canSeeCall(db, actor.user, note.call)))
    throw invalidField("noteId", "not_found", "noteId is not a note you can see");
  if (note.state !== "final") throw invalidField("noteId", "invalid", "only a finished note can become a case");
  return {
    phone: note.call.caller ?? WITHHELD_CALLER,
    question: note.question.trim() || null,
    kind: note.categoryRow?.kind ?? null,
    agencyId: note.call.agencyId ?? note.author.agencyId,
    callId: note.call.id,
    source: "call_note",
  };
}

async function fromCallbackRequest(db: Db, actor: CaseActor, requestId: number): Promise<Origin> {
  const request = await db.callbackRequest.findUnique({ where: { id: requestId }, include: { call: { select: { termination: true } } } });
  const visible = request ? await visibleAgencyIds(db, actor.user) : null;
  if (!request || (visible && !visible.includes(request.agencyId))) {
    throw invalidField("callbackRequestId", "not_found", "callbackRequestId is not a request you can see");
  }
  const voicemail = request.call?.termination === "voicemail" || request.call?.termination === "after_hours_voicemail";
  return {
    phone: request.phone,
    question: null,
    kind: null,
    agencyId: request.agencyId,
    callId: request.callId,
    source: voicemail ? "voicemail" : "callback_request",
  };
}

function byHand(input: CaseCreate): Origin {
  if (!input.phone?.trim()) throw invalidField("phone", "required", "phone is required for a case created by hand");
  const phone = normalizeVietnamesePhone(input.phone);
  if (!phone.ok) throw invalidField("phone", "phone_invalid", "phone is not a Vietnamese phone number");
  return { phone: phone.e164, question: null, kind: null, agencyId: null, callId: null, source: "manual" };
}

/** Creates the case and its `created` event; returns its id. The creation SMS is queued by the caller. */
export async function createCase(db: Db, actor: CaseActor, input: CaseCreate, now = new Date()): Promise<{ id: number; code: string }> {
  if (input.noteId !== undefined && input.callbackRequestId !== undefined) {
    throw badRequest("a case comes from a note or from a callback request, not both", { callbackRequestId: "tthc.validation.invalid" });
  }
  const origin =
    input.noteId !== undefined
      ? await fromNote(db, actor, input.noteId)
      : input.callbackRequestId !== undefined
        ? await fromCallbackRequest(db, actor, input.callbackRequestId)
        : byHand(input);

  const question = input.question?.trim() || origin.question;
  if (!question) throw invalidField("question", "required", "question is required (the note has none)");
  const kind = input.kind ?? origin.kind;
  if (!kind) throw invalidField("kind", "required", "kind is required");

  let callId = origin.callId;
  if (input.callId !== undefined && callId === null) {
    const call = await db.call.findUnique({ where: { id: input.callId }, select: { id: true, agencyId: true, staffId: true } });
    if (!call || !(await canSeeCall(db, actor.user, call))) throw invalidField("callId", "not_found", "callId is not a call you can see");
    callId = call.id;
  }

  const agencyId = input.agencyId ?? origin.agencyId ?? actor.user.agency.id;
  const agency = await db.agency.findUnique({ where: { id: agencyId }, select: { active: true } });
  if (!agency?.active) throw invalidField("agencyId", "not_found", "agencyId must be an active agency");
  const visible = await visibleAgencyIds(db, actor.user);
  // Staff open cases for their own subtree; passing one elsewhere is a transfer, with its reason.
  if (visible && !visible.includes(agencyId))
    throw invalidField("agencyId", "invalid", "agencyId must be your agency or one below it; transfer the case afterwards", 403);

  const level = await db.caseServiceLevel.findUnique({ where: { kind } });
  const schedules = await loadSchedules(db, now);
  const due = caseDeadline(schedules(agencyId), now, level?.workingDays ?? DEFAULT_WORKING_DAYS);
  const year = Number(vietnamClock(now).date.slice(0, 4));

  try {
    return await auditedWrite(db, {
      actorId: actor.user.id,
      ip: actor.ip,
      resource: "cases",
      action: "create",
      write: async (tx) => {
        const [counter] = await tx.$queryRaw<{ last: number }[]>`
          INSERT INTO case_counters (year, last) VALUES (${year}, 1)
          ON CONFLICT (year) DO UPDATE SET last = case_counters.last + 1
          RETURNING last`;
        const row = await tx.case.create({
          data: {
            code: formatCaseCode(year, counter?.last ?? 1),
            phone: origin.phone,
            citizenName: input.citizenName?.trim() || null,
            kind,
            topic: input.topic?.trim() || null,
            procedureCode: input.procedureCode?.trim() || null,
            procedureName: input.procedureName?.trim() || null,
            question,
            agencyId,
            source: origin.source,
            callId,
            noteId: input.noteId ?? null,
            callbackRequestId: input.callbackRequestId ?? null,
            dueDate: new Date(`${due.dueDate}T00:00:00Z`),
            dueAt: due.dueAt,
            createdById: actor.user.id,
            createdAt: now,
            updatedAt: now,
          },
        });
        await tx.caseEvent.create({
          data: {
            caseId: row.id,
            type: "created",
            actorId: actor.user.id,
            toState: row.state,
            toAgencyId: agencyId,
            data: { source: origin.source, dueDate: due.dueDate },
            createdAt: now,
          },
        });
        return row;
      },
      audit: (row) => ({ resourceId: row.id, after: auditView(row) }),
    }).then((row) => ({ id: row.id, code: row.code }));
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const field = input.noteId !== undefined ? "noteId" : "callbackRequestId";
      const existing = await db.case.findFirst({
        where: input.noteId !== undefined ? { noteId: input.noteId } : { callbackRequestId: input.callbackRequestId ?? -1 },
        select: { code: true },
      });
      throw conflict(`this ${field === "noteId" ? "note" : "request"} already became case ${existing?.code ?? ""}`.trim(), {
        [field]: "tthc.validation.taken",
      });
    }
    throw error;
  }
}
