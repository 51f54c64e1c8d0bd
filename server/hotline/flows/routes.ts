// /api/ivr-flow-versions: the published IVR versions (ra-data-simple-rest), validation of drafts,
// publishing (from the request or the repository's ivr-flows/ folder) and activation, which is how
// an administrator rolls back or forward. Publishing and activating reuse server/hotline/flows/versions.ts.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { Diagram, FlowVersion, FlowVersionDetail, Problem, Validation } from "../../contract/hotline/ivr-flows.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { badRequest, HttpError, notFound } from "../../platform/http/errors.js";
import { listPage } from "../../platform/http/list-handler.js";
import { idsFilter, listQuerystring } from "../../platform/http/list-query.js";
import { IdParams, Nullable } from "../../platform/http/schemas.js";
import type { Bundle } from "../ivr/flow.js";
import { loadFlowFiles } from "../ivr/load.js";
import { type FlowFile, validateBundle } from "../ivr/validate.js";
import { diagramOf } from "./diagram.js";
import { flowsFolder } from "./folder.js";
import { ACTIVE_VERSION_KEY, activate, forgetActiveFlow, InvalidFlowError, publishFlowVersion } from "./versions.js";

const RESOURCE = "ivr-flow-versions";
const SORTABLE = ["id", "version", "publishedAt"] as const;

const FileSchema = Type.Object(
  {
    file: Type.String({ minLength: 1, maxLength: 120 }),
    text: Type.String({ maxLength: 200_000 }),
  },
  { additionalProperties: false },
);
const FilesSchema = Type.Array(FileSchema, { minItems: 1, maxItems: 50 });

// Any 400 of the route goes through this schema, including schema and input-guard refusals that carry
// no problems: everything past the message is optional, or serialising those would fail with a 500.
const InvalidFlowResponse = Type.Object({
  statusCode: Type.Integer(),
  message: Type.String(),
  code: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Record(Type.String(), Type.String())),
  problems: Type.Optional(Type.Array(Problem)),
});

const withRelations = { publishedBy: { select: { name: true } }, _count: { select: { calls: true } } } as const;
type VersionRow = Prisma.IvrFlowVersionGetPayload<{ include: typeof withRelations }>;

function present(row: VersionRow, activeId: number | null) {
  return {
    id: row.id,
    version: row.version,
    entry: row.entry,
    checksum: row.checksum,
    note: row.note,
    publishedById: row.publishedById,
    publishedBy: row.publishedBy?.name ?? null,
    publishedAt: row.publishedAt,
    active: row.id === activeId,
    callCount: row._count.calls,
  };
}

function summaryOf(bundle: Bundle) {
  const flows = Object.values(bundle.flows).map((flow) => ({
    id: flow.id,
    name: flow.name,
    languages: flow.languages,
    nodes: Object.keys(flow.nodes).length,
  }));
  return {
    entry: bundle.entry,
    flows,
    nodeCount: flows.reduce((sum, flow) => sum + flow.nodes, 0),
    topicCount: Object.values(bundle.flows).reduce((sum, flow) => sum + Object.keys(flow.topics ?? {}).length, 0),
  };
}

/** validateBundle on anything a client sends: a crash inside the validator is a problem to show, never a 500. */
function validate(files: FlowFile[]): { ok: boolean; problems: Problem[] } {
  try {
    const result = validateBundle(files);
    return result.ok ? { ok: true, problems: [] } : { ok: false, problems: result.problems };
  } catch (error) {
    return { ok: false, problems: [{ file: "(bundle)", message: `cannot be validated: ${(error as Error).message}` }] };
  }
}

/** Files as stored in a version row (jsonb written by publishFlowVersion). */
function storedFiles(value: Prisma.JsonValue): FlowFile[] {
  return Array.isArray(value)
    ? value.flatMap((f) =>
        f && typeof f === "object" && !Array.isArray(f) && typeof f.file === "string" && typeof f.text === "string"
          ? [{ file: f.file, text: f.text }]
          : [],
      )
    : [];
}

const flowVersionRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  fastify.addHook("preHandler", fastify.allow("ivr-flow-versions:read"));
  const publishers = fastify.allow("ivr-flow-versions:publish");
  const activators = fastify.allow("ivr-flow-versions:activate");

  async function activeId(): Promise<number | null> {
    const setting = await db.setting.findUnique({ where: { key: ACTIVE_VERSION_KEY } });
    return typeof setting?.value === "number" ? setting.value : null;
  }

  async function detail(id: number) {
    const row = await db.ivrFlowVersion.findUnique({ where: { id }, include: withRelations });
    if (!row) throw notFound("No such IVR flow version");
    const files = storedFiles(row.files);
    return {
      ...present(row, await activeId()),
      files,
      summary: summaryOf(row.bundle as unknown as Bundle),
      validation: validate(files),
    };
  }

  fastify.get("/", { schema: { querystring: listQuerystring, response: { 200: Type.Array(FlowVersion) } } }, async (request, reply) => {
    const [rows, active] = await Promise.all([
      listPage(request.query, reply, {
        resource: RESOURCE,
        sortable: SORTABLE,
        defaultSort: ["version", "DESC"],
        where: (filter): Prisma.IvrFlowVersionWhereInput => {
          const ids = idsFilter(filter.id);
          return ids ? { id: { in: ids } } : {};
        },
        count: (where) => db.ivrFlowVersion.count({ where }),
        page: (where, page) => db.ivrFlowVersion.findMany({ where, include: withRelations, ...page }),
      }),
      activeId(),
    ]);
    return rows.map((row) => present(row, active));
  });

  fastify.get("/:id", { schema: { params: IdParams, response: { 200: FlowVersionDetail } } }, async (request) => detail(request.params.id));

  fastify.get("/:id/diagram", { schema: { params: IdParams, response: { 200: Diagram } } }, async (request) => {
    const row = await db.ivrFlowVersion.findUnique({
      where: { id: request.params.id },
      select: { id: true, version: true, bundle: true },
    });
    if (!row) throw notFound("No such IVR flow version");
    return { id: row.id, version: row.version, ...diagramOf(row.bundle as unknown as Bundle) };
  });

  // A draft check for editors: never stores anything, so anyone who may read versions may use it.
  fastify.post(
    "/validate",
    {
      schema: {
        body: Type.Object({ files: FilesSchema }, { additionalProperties: false }),
        response: { 200: Validation },
      },
    },
    async (request) => validate(request.body.files),
  );

  fastify.post(
    "/",
    {
      preHandler: publishers,
      schema: {
        body: Type.Object(
          { files: Type.Optional(FilesSchema), note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) },
          { additionalProperties: false },
        ),
        response: { 200: FlowVersionDetail, 400: InvalidFlowResponse },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      let files = request.body.files;
      if (!files) {
        const folder = flowsFolder();
        files = await loadFlowFiles(folder).catch((error: NodeJS.ErrnoException) => {
          request.log.error({ folder, code: error.code }, "cannot read the ivr-flows folder");
          throw new HttpError(500, "Cannot read the ivr-flows folder");
        });
        if (files.length === 0) throw badRequest("The ivr-flows folder has no flow files", { files: "tthc.flows.no_files" });
      }
      const previous = await activeId();
      let created: { id: number; version: number };
      try {
        created = await publishFlowVersion(db, files, { publishedById: user.id, note: request.body.note ?? null });
      } catch (error) {
        if (!(error instanceof InvalidFlowError)) throw error;
        request.log.info({ problems: error.problems.length }, "refused to publish an invalid IVR flow");
        return reply.status(400).send({
          statusCode: 400,
          message: `The IVR flow is invalid (${error.problems.length} problem(s)); nothing was published`,
          code: "invalid_flow",
          errors: { files: "tthc.flows.invalid_flow" },
          problems: error.problems,
        });
      }
      const version = await detail(created.id);
      await writeAudit(db, {
        actorId: user.id,
        action: "publish",
        resource: RESOURCE,
        resourceId: created.id,
        before: { activeVersionId: previous },
        after: {
          version: created.version,
          checksum: version.checksum,
          note: version.note,
          files: version.files.map((f) => f.file),
          source: request.body.files ? "request" : "ivr-flows",
        },
        ip: request.ip,
      });
      return version;
    },
  );

  fastify.post(
    "/:id/activate",
    { preHandler: activators, schema: { params: IdParams, response: { 200: FlowVersionDetail } } },
    async (request) => {
      const user = currentUser(request);
      const { id } = request.params;
      const row = await db.ivrFlowVersion.findUnique({ where: { id }, select: { id: true, version: true } });
      if (!row) throw notFound("No such IVR flow version");
      const previous = await activeId();
      await auditedWrite(db, {
        actorId: user.id,
        ip: request.ip,
        resource: RESOURCE,
        action: "activate",
        write: (tx) => activate(tx, id),
        audit: () => ({ resourceId: id, before: { activeVersionId: previous }, after: { activeVersionId: id, version: row.version } }),
        afterCommit: forgetActiveFlow,
      });
      request.log.info({ versionId: id, version: row.version, previous }, "IVR flow version activated");
      return detail(id);
    },
  );
};

export default flowVersionRoutes;
