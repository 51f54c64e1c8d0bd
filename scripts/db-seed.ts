// `npm run db:seed`: idempotent demo data. Agencies are matched by code and users by username, so
// running it again updates rather than duplicates; passwords of existing users are left alone
// unless ADMIN_PASSWORD is given.
import "dotenv/config";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { SEED_AGENCIES } from "../prisma/seed/agencies.js";
import { SEED_CASES, type SeedCase } from "../prisma/seed/cases.js";
import { SEED_ARTICLES } from "../prisma/seed/knowledge.js";
import { demoCitizenPhone, demoName, demoPhone } from "../prisma/seed/people.js";
import { hashPassword } from "../server/access/auth/password.js";
import { PASSWORD_PROBLEM_MESSAGES, type PasswordOwner, passwordProblem } from "../server/access/auth/password-policy.js";
import type { SessionUser } from "../server/access/auth/sessions.js";
import { loadConfigOrExit } from "../server/config.js";
import type { Role } from "../server/generated/prisma/enums.js";
import { createCase } from "../server/hotline/cases/create.js";
import { escalateOverdueCases } from "../server/hotline/cases/escalation.js";
import { answerCase, type CaseActor, closeCase, transferCase, updateCase } from "../server/hotline/cases/service.js";
import { activeFlowVersion, publishFlowVersion } from "../server/hotline/flows/versions.js";
import { loadFlowFiles } from "../server/hotline/ivr/load.js";
import { createDb } from "../server/platform/db/client.js";

const config = loadConfigOrExit();
const db = createDb(config.DATABASE_URL);

const ADMIN_NAME = "Quản trị hệ thống";

/** The seed sets passwords under the console's rule; a weak one stops it before anything is written. */
async function checkedPassword(password: string, owner: PasswordOwner, source: string): Promise<string> {
  const problem = await passwordProblem(password, owner);
  if (problem) throw new Error(`${source} is refused: ${PASSWORD_PROBLEM_MESSAGES[problem]}`);
  return password;
}

// 16 random base64url characters (96 bits), which the policy accepts; checked all the same.
const generatedPassword = (owner: PasswordOwner) => checkedPassword(randomBytes(12).toString("base64url"), owner, "the generated password");

async function seedAgencies(): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  // Parents come before children in SEED_AGENCIES; fallbacks are linked once every agency exists.
  for (const { parent, fallback: _fallback, ...agency } of SEED_AGENCIES) {
    const parentId = parent ? ids.get(parent) : null;
    const row = await db.agency.upsert({
      where: { code: agency.code },
      create: { ...agency, parentId },
      update: { name: agency.name, kind: agency.kind, parentId, dialCode: agency.dialCode ?? null },
    });
    ids.set(agency.code, row.id);
  }
  for (const { code, fallback } of SEED_AGENCIES) {
    if (fallback) await db.agency.update({ where: { code }, data: { fallbackId: ids.get(fallback) } });
  }
  return ids;
}

async function seedAdmin(agencyId: number, givenPassword: string | undefined): Promise<void> {
  const username = config.ADMIN_USERNAME;
  const existing = await db.user.findUnique({ where: { username } });
  let password = givenPassword;
  if (!existing && !password) {
    if (config.NODE_ENV === "production") throw new Error("ADMIN_PASSWORD must be set to create the administrator in production");
    password = await generatedPassword({ username, name: ADMIN_NAME });
    console.log(
      `\n  Administrator "${username}" created with the generated password: ${password}\n  (shown once; set ADMIN_PASSWORD to choose it)\n`,
    );
  }
  const passwordHash = password ? await hashPassword(password) : undefined;
  if (existing) {
    const roles: Role[] = existing.roles.includes("admin") ? existing.roles : [...existing.roles, "admin"];
    await db.user.update({ where: { username }, data: { roles, active: true, ...(passwordHash ? { passwordHash } : {}) } });
  } else {
    await db.user.create({
      data: { username, name: ADMIN_NAME, roles: ["admin"], agencyId, passwordHash: passwordHash as string },
    });
  }
}

async function seedStaff(agencyIds: Map<string, number>, staffPassword: string): Promise<number> {
  const staffHash = await hashPassword(staffPassword);
  const staff: { username: string; roles: Role[]; agencyCode: string }[] = [];
  for (const { code } of SEED_AGENCIES) {
    const slug = code.toLowerCase();
    staff.push({ username: `${slug}.giamsat`, roles: ["supervisor"], agencyCode: code });
    staff.push({ username: `${slug}.nv1`, roles: ["agent"], agencyCode: code });
    staff.push({ username: `${slug}.nv2`, roles: ["agent"], agencyCode: code });
  }
  staff.push({ username: "chiendich.quanly", roles: ["campaign_manager"], agencyCode: "TTPVHCC" });
  staff.push({ username: "chiendich.duyet", roles: ["campaign_approver"], agencyCode: "VP-UBND" });
  staff.push({ username: "lanhdao.xem", roles: ["viewer"], agencyCode: "VP-UBND" });
  // Handles citizens' data-subject requests (Law 91/2025): the register, its deadlines.
  staff.push({ username: "baomat.dulieu", roles: ["privacy_officer"], agencyCode: "VP-UBND" });

  for (const [index, person] of staff.entries()) {
    const agencyId = agencyIds.get(person.agencyCode) as number;
    // Agents are available with a demo mobile number, so a simulated call in opening hours reaches a person.
    const duty = person.roles.includes("agent")
      ? {
          presence: "available" as const,
          presenceSince: new Date(),
          missedRings: 0,
          awayReason: null,
          wrapUpUntil: null,
          phone: demoPhone(index),
        }
      : {};
    await db.user.upsert({
      where: { username: person.username },
      create: { username: person.username, name: demoName(index), roles: person.roles, agencyId, passwordHash: staffHash, ...duty },
      update: { roles: person.roles, agencyId, ...duty },
    });
  }
  return staff.length;
}

/** The demo knowledge base, published; an article is matched by its title within its agency. */
async function seedKnowledge(agencyIds: Map<string, number>): Promise<number> {
  for (const { agencyCode, reviewInMonths, ...article } of SEED_ARTICLES) {
    const agencyId = agencyIds.get(agencyCode) as number;
    const reviewOn = new Date();
    reviewOn.setUTCHours(0, 0, 0, 0);
    reviewOn.setUTCMonth(reviewOn.getUTCMonth() + reviewInMonths);
    const data = { ...article, agencyId, status: "published" as const };
    const existing = await db.knowledgeArticle.findFirst({ where: { title: article.title, agencyId }, select: { id: true } });
    // A review day once given is the editors' to move, not the seed's.
    if (existing) await db.knowledgeArticle.update({ where: { id: existing.id }, data });
    else await db.knowledgeArticle.create({ data: { ...data, reviewOn } });
  }
  return SEED_ARTICLES.length;
}

const DAY_MS = 24 * 3600 * 1000;

/** A demo staff member as the case services take them: what a session of theirs would carry. */
async function actorOf(username: string): Promise<CaseActor> {
  const user = await db.user.findUniqueOrThrow({
    where: { username },
    include: { agency: { select: { id: true, code: true, name: true } } },
  });
  const sessionUser: SessionUser = { id: user.id, username, name: user.name, email: user.email, roles: user.roles, agency: user.agency };
  return { user: sessionUser, ip: null };
}

/** One demo case through the same functions as the console (code, deadline, events, audit), back-dated step by step. */
async function seedCase(seed: SeedCase, agencyIds: Map<string, number>, now: Date): Promise<boolean> {
  const phone = demoCitizenPhone(seed.citizen);
  if (await db.case.findFirst({ where: { phone, question: seed.question }, select: { id: true } })) return false;
  // Working hours of a Vietnamese morning (09:30 +07:00), a step every 40 minutes.
  const at = (daysAgo: number, step: number) => {
    const day = new Date(now.getTime() - daysAgo * DAY_MS);
    day.setUTCHours(2, 30 + step * 40, 0, 0);
    return day;
  };
  const { citizen: _citizen, agencyCode, createdBy, createdDaysAgo, steps, ...input } = seed;
  const created = await createCase(
    db,
    await actorOf(createdBy),
    { ...input, phone, agencyId: agencyIds.get(agencyCode) as number },
    at(createdDaysAgo, 0),
  );
  for (const [index, step] of steps.entries()) {
    const when = at(step.daysAgo, index + 1);
    const actor = await actorOf(step.by);
    if (step.type === "assign") {
      const assignee = await db.user.findUniqueOrThrow({ where: { username: step.to }, select: { id: true } });
      await updateCase(db, actor, created.id, { assigneeId: assignee.id }, when);
    } else if (step.type === "wait") {
      await updateCase(db, actor, created.id, { state: "waiting_citizen" }, when);
    } else if (step.type === "answer") {
      await answerCase(db, actor, created.id, step.answer, when);
    } else if (step.type === "transfer") {
      await transferCase(db, actor, created.id, { agencyId: agencyIds.get(step.toAgency) as number, reason: step.reason }, when);
    } else {
      await closeCase(db, actor, created.id, undefined, when);
      // What the citizen's survey page (/c/:token) records, an hour after the survey SMS.
      if (step.survey) {
        const answeredAt = new Date(when.getTime() + 3600 * 1000);
        await db.caseSurveyAnswer.createMany({
          data: Object.entries(step.survey).map(([question, value]) => ({ caseId: created.id, question, value, createdAt: answeredAt })),
        });
      }
    }
  }
  return true;
}

/**
 * The demo cases, not in production (a real hotline's cases and reports are its citizens' own). The
 * overdue ones are then escalated as the maintenance worker would within 15 minutes.
 */
async function seedCases(agencyIds: Map<string, number>): Promise<number> {
  if (config.NODE_ENV === "production") return 0;
  const now = new Date();
  let added = 0;
  for (const seed of SEED_CASES) if (await seedCase(seed, agencyIds, now)) added++;
  if (added > 0) await escalateOverdueCases(db, now);
  return added;
}

/** Publishes ivr-flows/ as a new version when it differs from the active one. */
async function seedFlow(): Promise<string> {
  const files = await loadFlowFiles(fileURLToPath(new URL("../ivr-flows", import.meta.url)));
  const active = await activeFlowVersion(db);
  const current = active ? await db.ivrFlowVersion.findUnique({ where: { id: active.id }, select: { files: true } }) : null;
  if (current && JSON.stringify(current.files) === JSON.stringify(files)) return `IVR flow version ${active?.version} (unchanged)`;
  const published = await publishFlowVersion(db, files, { note: "Bản do dữ liệu mẫu công bố" });
  return `IVR flow version ${published.version} published`;
}

try {
  const adminPassword =
    config.ADMIN_PASSWORD &&
    (await checkedPassword(config.ADMIN_PASSWORD, { username: config.ADMIN_USERNAME, name: ADMIN_NAME }, "ADMIN_PASSWORD"));
  // Demo staff share one password: SEED_STAFF_PASSWORD, or an unguessable one an admin can reset.
  const staffPassword = process.env.SEED_STAFF_PASSWORD
    ? await checkedPassword(process.env.SEED_STAFF_PASSWORD, { username: "" }, "SEED_STAFF_PASSWORD")
    : await generatedPassword({ username: "" });
  const agencyIds = await seedAgencies();
  await seedAdmin(agencyIds.get("TTPVHCC") as number, adminPassword);
  const staffCount = await seedStaff(agencyIds, staffPassword);
  const flow = await seedFlow();
  const articles = await seedKnowledge(agencyIds);
  const cases = await seedCases(agencyIds);
  console.log(
    `seeded ${agencyIds.size} agencies, ${staffCount} staff, the administrator "${config.ADMIN_USERNAME}", ${articles} knowledge articles, ${cases} new demo cases; ${flow}`,
  );
} finally {
  await db.$disconnect();
}
