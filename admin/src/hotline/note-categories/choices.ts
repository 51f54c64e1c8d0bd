// The kinds of note category, from the contract (server/contract/enums.ts), and a category's name in
// the console's language.
import { NOTE_KINDS, type NoteKind } from "../../../../server/contract/enums";

export const kindChoices = NOTE_KINDS.map((id) => ({ id, name: `tthc.notes.kinds.${id}` }));

export function categoryName(category: { nameVi: string; nameEn: string }, locale: string): string {
  return locale === "en" ? category.nameEn : category.nameVi;
}

export type { NoteKind };
