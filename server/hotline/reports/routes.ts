// Reports for the console, scoped like the call log: supervisors and agents see their agency's
// subtree, everyone else the province. Exports are audited (who took which personal-data-derived figures).
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { visibleAgencyIds } from "../../agencies/scope.js";
import { addDays } from "../../clock/vietnam-time.js";
import { SatisfactionReport, TodayFigures } from "../../contract/hotline/reports.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { CsvSeparatorParam, csvAttachment } from "../../platform/http/csv-download.js";
import { satisfactionCsv } from "./csv.js";
import { periodOf, today } from "./period.js";
import { SATISFACTION_TARGET, satisfactionReport, satisfactionTotal } from "./satisfaction.js";

const Day = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" });

const SatisfactionQuery = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    minAnswers: Type.Integer({ minimum: 1, maximum: 100000, default: 10 }),
    format: Type.Enum(["json", "csv"], { default: "json" }),
    separator: Type.Optional(CsvSeparatorParam),
  },
  { additionalProperties: false },
);

const reportRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  fastify.addHook("preHandler", fastify.allow("reports:read"));

  fastify.get(
    "/satisfaction",
    {
      schema: {
        querystring: SatisfactionQuery,
        response: {
          200: {
            content: {
              "application/json": { schema: SatisfactionReport },
              "text/csv": { schema: Type.String() },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const { from, to, minAnswers, format, separator } = request.query;
      const period = periodOf(from, to);
      const report = await satisfactionReport(
        db,
        period,
        minAnswers,
        await visibleAgencyIds(db, user),
        fastify.config.SERVICE_LEVEL_SECONDS,
      );
      if (format !== "csv") return report;
      await writeAudit(db, {
        actorId: user.id,
        action: "export",
        resource: "reports",
        resourceId: "satisfaction",
        after: { format: "csv", from: period.from, to: period.to, minAnswers, agencies: report.rows.length },
        ip: request.ip,
      });
      return csvAttachment(reply, `bao-cao-hai-long_${period.from}_${period.to}.csv`).send(satisfactionCsv(report, separator));
    },
  );

  /** The dashboard's cards: today and the last 30 days, province or the user's subtree. */
  fastify.get(
    "/today",
    {
      schema: {
        response: { 200: TodayFigures },
      },
    },
    async (request) => {
      const visible = await visibleAgencyIds(db, currentUser(request));
      const day = today();
      const [todayTotal, monthTotal] = await Promise.all([
        satisfactionTotal(db, periodOf(day, day), visible, fastify.config.SERVICE_LEVEL_SECONDS),
        satisfactionTotal(db, periodOf(addDays(day, -29), day), visible, fastify.config.SERVICE_LEVEL_SECONDS),
      ]);
      return { date: day, today: todayTotal, last30Days: monthTotal, target: SATISFACTION_TARGET };
    },
  );
};

export default reportRoutes;
