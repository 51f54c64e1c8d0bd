// GET /api/agency-reports?period=2026-11|2026-Q4[&agencyId][&live] — the periodic report, its .xlsx
// export and its printable page; POST /api/agency-reports/prepare — prepare (again) a closed period.
// Readers see their own agency's subtree (report.ts); exports and preparations are audited.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import Type from "typebox";
import { currentUser } from "../../../access/auth/authentication.js";
import { AgencyReport, REPORT_PERIOD_PATTERN } from "../../../contract/hotline/agency-reports.js";
import { writeAudit } from "../../../platform/audit/audit.js";
import { invalidField } from "../../../platform/http/errors.js";
import { isClosed, reportPeriod } from "./period.js";
import { periodicReportPage } from "./print.js";
import { agencyReport } from "./report.js";
import { prepareSnapshot } from "./snapshots.js";
import { periodicReportXlsx } from "./xlsx.js";

const Period = Type.String({ pattern: REPORT_PERIOD_PATTERN, maxLength: 7 });

const ReportQuery = Type.Object(
  {
    period: Period,
    agencyId: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Count now rather than serve the prepared report of a closed period. */
    live: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
type ReportQuery = Type.Static<typeof ReportQuery>;

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const agencyReportRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;

  const report = (request: FastifyRequest, query: ReportQuery) =>
    agencyReport(db, currentUser(request), {
      period: reportPeriod(query.period),
      agencyId: query.agencyId,
      live: query.live,
      now: new Date(),
    });

  const audit = (request: FastifyRequest, query: ReportQuery, format: string, agencies: number) =>
    writeAudit(db, {
      actorId: currentUser(request).id,
      action: "export",
      resource: "reports",
      resourceId: `periodic-${query.period}`,
      after: { format, period: query.period, agencyId: query.agencyId ?? null, agencies },
      ip: request.ip,
    });

  fastify.get(
    "/",
    { preHandler: fastify.allow("agency-reports:read"), schema: { querystring: ReportQuery, response: { 200: AgencyReport } } },
    async (request) => report(request, request.query),
  );

  fastify.get(
    "/export.xlsx",
    { preHandler: fastify.allow("agency-reports:read"), schema: { querystring: ReportQuery } },
    async (request, reply) => {
      const data = await report(request, request.query);
      const body = await periodicReportXlsx(data);
      await audit(request, request.query, "xlsx", data.rows.length);
      return reply
        .type(XLSX_TYPE)
        .header("Content-Disposition", `attachment; filename="bao-cao-dinh-ky_${data.period}.xlsx"`)
        .header("Cache-Control", "private, no-store")
        .send(body);
    },
  );

  fastify.get(
    "/print",
    { preHandler: fastify.allow("agency-reports:read"), schema: { querystring: ReportQuery } },
    async (request, reply) => {
      const data = await report(request, request.query);
      await audit(request, request.query, "print", data.rows.length);
      return reply.type("text/html; charset=utf-8").header("Cache-Control", "private, no-store").send(periodicReportPage(data));
    },
  );

  fastify.post(
    "/prepare",
    {
      preHandler: fastify.allow("report-scoring:manage"),
      schema: {
        body: Type.Object({ period: Period }, { additionalProperties: false }),
        response: { 200: AgencyReport },
      },
    },
    async (request) => {
      const { period: key } = request.body;
      const period = reportPeriod(key);
      const now = new Date();
      if (!isClosed(period, now)) throw invalidField("period", "out_of_range", "only a period that is over can be prepared");
      await prepareSnapshot(db, period, { now });
      await writeAudit(db, {
        actorId: currentUser(request).id,
        // A preparation replaces the stored counts of the period.
        action: "update",
        resource: "reports",
        resourceId: `periodic-${key}`,
        ip: request.ip,
      });
      return report(request, { period: key });
    },
  );
};

export default agencyReportRoutes;
