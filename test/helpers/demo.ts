// The demo province of `npm run db:seed` (agencies, staff on duty, the shipped IVR flow), seeded by
// the real script into a test database, with passwords the tests log in with.
import { execFileSync } from "node:child_process";
import { ROOT } from "./processes.js";

/** The demo administrator, "admin". */
export const DEMO_ADMIN_PASSWORD = "quan-tri-thu-nghiem";
/** Every demo staff member (e.g. "stp.giamsat", "lanhdao.xem"). */
export const DEMO_STAFF_PASSWORD = "nhan-vien-thu-nghiem";

/** Runs the real `npm run db:seed` script against a test database. */
export function seedDemo(databaseUrl: string): void {
  execFileSync(process.execPath, ["--import", "tsx", "scripts/db-seed.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ADMIN_PASSWORD: DEMO_ADMIN_PASSWORD,
      SEED_STAFF_PASSWORD: DEMO_STAFF_PASSWORD,
      NODE_ENV: "test",
    },
  });
}
