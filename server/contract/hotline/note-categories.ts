// Note categories (/api/note-categories): what staff classify a call under, managed by administrators.
import Type from "typebox";
import { NOTE_KINDS, type NoteKind } from "../enums.js";
import { DateTime, StringEnum, type WireOf } from "../schema.js";

export const NoteCategory = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  nameVi: Type.String(),
  nameEn: Type.String(),
  kind: StringEnum<NoteKind>(NOTE_KINDS),
  /** Inactive: old notes still show it; new notes cannot choose it. */
  active: Type.Boolean(),
  sortOrder: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type NoteCategory = WireOf<typeof NoteCategory>;

/** A category as a note shows it: enough to name it in either language and say its kind. */
export const NoteCategoryLabel = Type.Object({
  code: Type.String(),
  nameVi: Type.String(),
  nameEn: Type.String(),
  kind: StringEnum<NoteKind>(NOTE_KINDS),
  active: Type.Boolean(),
});
export type NoteCategoryLabel = WireOf<typeof NoteCategoryLabel>;
