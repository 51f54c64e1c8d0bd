// Which category a note may take. Deactivated categories stay on the notes that have them and can be
// read, but no note is newly given one: an administrator retired it.
import type { Prisma } from "../../generated/prisma/client.js";
import { invalidField } from "../../platform/http/errors.js";

type Reader = Pick<Prisma.TransactionClient, "noteCategory">;

/**
 * Refuses (400 naming `field`) a code that is no category or an inactive one, unless `kept` is the
 * code the record already has: a draft keeps the category it had when it was deactivated until its
 * author finishes it (which then asks for an active one).
 */
export async function assertChoosable(db: Reader, code: string, field = "category", kept?: string | null): Promise<void> {
  const row = await db.noteCategory.findUnique({ where: { code }, select: { active: true } });
  if (!row) throw invalidField(field, "not_found", `${field}: no note category has the code "${code}"`);
  if (!row.active && code !== kept) {
    throw invalidField(field, "note_category_inactive", `${field}: the category "${code}" is no longer in use; choose another`);
  }
}
