// Staff notes on a call (/api/calls/:id/notes…), registered inside the call log's routes.
// - PUT  …/notes/draft         saves what the staff member typed so far (one draft per author and
//                              call, upserted as they type; not audited: it would log every pause).
// - GET  …/notes/draft         their draft, or null: a reloaded page gets back what was typed.
// - POST …/notes/draft/finish  saves the last changes (body as PUT's, `{}` for none) and turns the
//                              draft into a final note (audited).
// - POST …/notes               a final note in one step, for API clients.
// A final note is never edited; its author adds another. Who may write is canAddNote's rule.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { CallNote } from "../../contract/hotline/call-log.js";
import { NOTE_ANSWER_MAX, NOTE_CATEGORY_CODE, NOTE_QUESTION_MAX } from "../../contract/limits.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { forbidden, notFound } from "../../platform/http/errors.js";
import { IdParams, Nullable } from "../../platform/http/schemas.js";
import { assertCanSeeCall, canAddNote } from "./access.js";
import { assertFinishable, auditableNote, findDraft, finishDraft, noteInclude, presentNote, saveDraft } from "./notes.js";

const Category = Type.String({ pattern: NOTE_CATEGORY_CODE });
const Question = Type.String({ maxLength: NOTE_QUESTION_MAX });
const Answer = Type.String({ maxLength: NOTE_ANSWER_MAX });

const DraftInput = Type.Object(
  {
    category: Type.Optional(Nullable(Category)),
    question: Type.Optional(Question),
    answer: Type.Optional(Answer),
    resolved: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const NoteInput = Type.Object(
  {
    category: Category,
    question: Type.String({ minLength: 1, maxLength: NOTE_QUESTION_MAX, pattern: "\\S" }),
    answer: Type.Optional(Answer),
    resolved: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const noteRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;

  /** The call, if the user may see it and write notes on it. */
  async function writableCall(request: FastifyRequest, id: number) {
    const user = currentUser(request);
    const call = await db.call.findUnique({ where: { id }, select: { id: true, agencyId: true, staffId: true } });
    if (!call) throw notFound("No such call");
    await assertCanSeeCall(db, user, call);
    if (!(await canAddNote(db, user, call))) {
      throw forbidden("Only the staff member who answered, supervisors of the agency and administrators may add notes");
    }
    return { call, user };
  }

  fastify.get("/:id/notes/draft", { schema: { params: IdParams, response: { 200: Nullable(CallNote) } } }, async (request) => {
    const { call, user } = await writableCall(request, request.params.id);
    const draft = await findDraft(db, call.id, user.id);
    return draft ? presentNote(draft) : null;
  });

  fastify.put("/:id/notes/draft", { schema: { params: IdParams, body: DraftInput, response: { 200: CallNote } } }, async (request) => {
    const { call, user } = await writableCall(request, request.params.id);
    return presentNote(await saveDraft(db, call.id, user.id, request.body));
  });

  fastify.post(
    "/:id/notes/draft/finish",
    // The form sends what was typed since the last save, so nothing is lost; `{}` finishes the draft as saved.
    { schema: { params: IdParams, body: DraftInput, response: { 200: CallNote } } },
    async (request) => {
      const { call, user } = await writableCall(request, request.params.id);
      const changes = request.body;
      // Saved first, outside the finishing transaction: a refusal below leaves the latest typing kept.
      const draft =
        Object.keys(changes).length > 0 ? await saveDraft(db, call.id, user.id, changes) : await findDraft(db, call.id, user.id);
      if (!draft) throw notFound("No draft note on this call to finish");
      await assertFinishable(db, draft);
      const note = await auditedWrite(db, {
        actorId: user.id,
        ip: request.ip,
        resource: "call-notes",
        action: "create",
        write: (tx) => finishDraft(tx, draft),
        audit: (note) => ({ resourceId: note.id, after: auditableNote(note) }),
      });
      return presentNote(note);
    },
  );

  fastify.post("/:id/notes", { schema: { params: IdParams, body: NoteInput, response: { 200: CallNote } } }, async (request) => {
    const { call, user } = await writableCall(request, request.params.id);
    const { category, question, answer = "", resolved = false } = request.body;
    await assertFinishable(db, { category, question });
    const note = await auditedWrite(db, {
      actorId: user.id,
      ip: request.ip,
      resource: "call-notes",
      action: "create",
      write: (tx) =>
        tx.callNote.create({
          data: { callId: call.id, authorId: user.id, state: "final", category, question, answer, resolved },
          include: noteInclude,
        }),
      audit: (note) => ({ resourceId: note.id, after: auditableNote(note) }),
    });
    return presentNote(note);
  });
};

export default noteRoutes;
