import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { User } from "../../contract/access/users.js";
import { ANSWER_ON, type AnswerOn, ROLES } from "../../contract/enums.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { conflict, invalidField, notFound } from "../../platform/http/errors.js";
import { listPage } from "../../platform/http/list-handler.js";
import { booleanFilter, codeFilter, idsWhere, integerFilter, listQuerystring, searchWhere } from "../../platform/http/list-query.js";
import { IdParams, Nullable } from "../../platform/http/schemas.js";
import { currentUser } from "../auth/authentication.js";
import { hashPassword } from "../auth/password.js";
import { PASSWORD_PROBLEM_MESSAGES, type PasswordOwner, passwordProblem } from "../auth/password-policy.js";
import { staffPhone } from "./staff-phone.js";

const RoleSchema = Type.Enum(ROLES);

const editable = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  email: Type.Optional(Nullable(Type.String({ format: "email", maxLength: 200 }))),
  roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }),
  agencyId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  active: Type.Optional(Type.Boolean()),
  /** The desk or mobile number the hotline rings; normalised to E.164. */
  phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  /** Where calls ring: the phone (with the whisper) or the console's softphone (identity staff-<id>). */
  answerOn: Type.Optional(Type.Enum(ANSWER_ON)),
  /** The PIN for changing presence by calling the hotline (4 to 8 digits); null removes it, absent keeps it. */
  presencePin: Type.Optional(Nullable(Type.String({ pattern: "^([0-9]{4,8})?$" }))),
};
const UserCreate = Type.Object(
  {
    username: Type.String({ minLength: 2, maxLength: 100, pattern: "^[A-Za-z0-9._@-]+$" }),
    password: Type.String({ maxLength: 1000 }),
    ...editable,
  },
  { additionalProperties: false },
);
const UserUpdate = Type.Object(editable, { additionalProperties: false });
const PasswordReset = Type.Object({ password: Type.String({ maxLength: 1000 }) }, { additionalProperties: false });

const SORTABLE = ["id", "username", "name", "createdAt", "lastLoginAt"] as const;
const publicFields = {
  id: true,
  username: true,
  email: true,
  name: true,
  roles: true,
  agencyId: true,
  active: true,
  phone: true,
  answerOn: true,
  presence: true,
  presencePinHash: true,
  lastLoginAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** Refuses, as a 400 on `password`, a password the policy does not accept for this user. */
async function checkPassword(password: string, owner: PasswordOwner) {
  const problem = await passwordProblem(password, owner);
  if (problem) throw invalidField("password", problem, PASSWORD_PROBLEM_MESSAGES[problem]);
}

const emptyToNull = (email: string | null | undefined) => (email === "" ? null : email);

/** Staff fields as stored: the phone in E.164 (landlines allowed for desk phones), empty texts as none, the PIN hashed. */
async function staffFields(body: { phone?: string | null; answerOn?: AnswerOn; presencePin?: string | null }) {
  const pin = body.presencePin === "" ? null : body.presencePin;
  return {
    ...(body.phone !== undefined && { phone: staffPhone(body.phone) }),
    ...(body.answerOn !== undefined && { answerOn: body.answerOn }),
    ...(pin !== undefined && { presencePinHash: pin === null ? null : await hashPassword(pin) }),
  };
}

type UserRow = Prisma.UserGetPayload<{ select: typeof publicFields }>;
/** As the API shows a user: whether a PIN is set, never its hash. */
const wire = ({ presencePinHash, ...user }: UserRow) => ({ ...user, hasPresencePin: presencePinHash !== null });

const userRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  fastify.addHook("preHandler", fastify.allow("users:manage"));

  async function checkAgency(agencyId: number) {
    if (!(await db.agency.findUnique({ where: { id: agencyId }, select: { id: true } }))) {
      throw invalidField("agencyId", "not_found", "agencyId: no such agency");
    }
  }

  fastify.get("/", { schema: { querystring: listQuerystring, response: { 200: Type.Array(User) } } }, async (request, reply) => {
    return listPage(request.query, reply, {
      resource: "users",
      sortable: SORTABLE,
      defaultSort: ["username", "ASC"],
      where: (filter): Prisma.UserWhereInput => {
        const role = codeFilter(filter, "role", ROLES);
        return {
          AND: [
            idsWhere(filter),
            searchWhere(filter),
            { agencyId: integerFilter(filter, "agencyId") },
            role ? { roles: { has: role } } : {},
            { active: booleanFilter(filter, "active") },
          ],
        };
      },
      count: (where) => db.user.count({ where }),
      page: async (where, page) => (await db.user.findMany({ where, select: publicFields, ...page })).map(wire),
    });
  });

  fastify.get("/:id", { schema: { params: IdParams, response: { 200: User } } }, async (request) => {
    const user = await db.user.findUnique({ where: { id: request.params.id }, select: publicFields });
    if (!user) throw notFound("No such user");
    return wire(user);
  });

  fastify.post("/", { schema: { body: UserCreate, response: { 200: User } } }, async (request) => {
    const actor = currentUser(request);
    const { password, presencePin, ...fields } = request.body;
    await checkPassword(password, fields);
    await checkAgency(fields.agencyId);
    const staff = await staffFields({ ...fields, presencePin });
    const passwordHash = await hashPassword(password);
    return auditedWrite(db, {
      actorId: actor.id,
      ip: request.ip,
      resource: "users",
      action: "create",
      write: async (tx) =>
        wire(await tx.user.create({ data: { ...fields, email: emptyToNull(fields.email), ...staff, passwordHash }, select: publicFields })),
      audit: (user) => ({ resourceId: user.id, after: user }),
      afterCommit: () => fastify.callRouting.invalidate(),
    });
  });

  fastify.put("/:id", { schema: { params: IdParams, body: UserUpdate, response: { 200: User } } }, async (request) => {
    const actor = currentUser(request);
    const { id } = request.params;
    const row = await db.user.findUnique({ where: { id }, select: publicFields });
    if (!row) throw notFound("No such user");
    const before = wire(row);
    const body = request.body;
    // An administrator cannot lock themselves out: someone must always be able to manage users.
    if (id === actor.id && (body.active === false || !body.roles.includes("admin"))) {
      throw invalidField(
        body.active === false ? "active" : "roles",
        "self_lockout",
        "You cannot deactivate yourself or remove your own admin role",
      );
    }
    await checkAgency(body.agencyId);
    const { presencePin: _pin, ...columns } = body;
    const staff = await staffFields(body);
    return auditedWrite(db, {
      actorId: actor.id,
      ip: request.ip,
      resource: "users",
      action: "update",
      write: async (tx) => {
        const user = await tx.user.update({
          where: { id },
          data: { ...columns, email: emptyToNull(body.email), ...staff },
          select: publicFields,
        });
        // Deactivation ends every open session of that user at once.
        if (user.active === false) await tx.session.deleteMany({ where: { userId: id } });
        return wire(user);
      },
      audit: (user) => ({ resourceId: id, before, after: user }),
      // Phones feed call routing; apply them to the next call.
      afterCommit: () => fastify.callRouting.invalidate(),
    });
  });

  fastify.post("/:id/password", { schema: { params: IdParams, body: PasswordReset } }, async (request, reply) => {
    const actor = currentUser(request);
    const { id } = request.params;
    const owner = await db.user.findUnique({ where: { id }, select: { username: true, name: true, email: true } });
    if (!owner) throw notFound("No such user");
    await checkPassword(request.body.password, owner);
    const passwordHash = await hashPassword(request.body.password);
    await auditedWrite(db, {
      actorId: actor.id,
      ip: request.ip,
      resource: "users",
      action: "password_reset",
      write: async (tx) => {
        await tx.user.update({ where: { id }, data: { passwordHash } });
        await tx.session.deleteMany({ where: { userId: id } });
      },
      audit: () => ({ resourceId: id }),
    });
    return reply.status(204).send();
  });

  fastify.delete("/:id", { schema: { params: IdParams, response: { 200: User } } }, async (request) => {
    const actor = currentUser(request);
    const { id } = request.params;
    if (id === actor.id) throw invalidField("id", "self_lockout", "You cannot delete yourself");
    const row = await db.user.findUnique({ where: { id }, select: publicFields });
    if (!row) throw notFound("No such user");
    const before = wire(row);
    // The audit trail must keep naming who did what, so a user with any history is deactivated instead.
    if ((await db.auditLog.count({ where: { actorId: id, action: { not: "login_failed" } } })) > 0) {
      throw conflict("This user has activity in the audit log; deactivate the account instead", { id: "tthc.validation.in_use" });
    }
    await auditedWrite(db, {
      actorId: actor.id,
      ip: request.ip,
      resource: "users",
      action: "delete",
      write: async (tx) => {
        await tx.auditLog.updateMany({ where: { actorId: id }, data: { actorId: null } });
        await tx.user.delete({ where: { id } });
      },
      audit: () => ({ resourceId: id, before }),
    });
    return before;
  });
};

export default userRoutes;
