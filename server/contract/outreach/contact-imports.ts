// /api/contact-imports: the preview of an upload, and an import with its counts.
import Type from "typebox";
import { DateTime, Nullable, type WireOf } from "../schema.js";

export const ContactImport = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  status: Type.String(),
  mapping: Type.Unknown(),
  listId: Nullable(Type.Integer()),
  totalRows: Type.Integer(),
  importedRows: Type.Integer(),
  duplicateRows: Type.Integer(),
  errorRows: Type.Integer(),
  createdById: Nullable(Type.Integer()),
  createdAt: DateTime,
  finishedAt: Nullable(DateTime),
});
export type ContactImport = WireOf<typeof ContactImport>;

/** The first rows of an upload, as parsed, with the column mapping the server guesses. */
export const ImportPreview = Type.Object({
  delimiter: Type.String(),
  header: Type.Array(Type.String()),
  rows: Type.Array(Type.Object({ row: Type.Integer(), fields: Type.Array(Type.String()), malformed: Type.Boolean() })),
  suggested: Type.Record(Type.String(), Type.String()),
});
export type ImportPreview = WireOf<typeof ImportPreview>;

/** One row an import refused or noted: the file's row number and column, the value and the reason code. */
export const ImportRowError = Type.Object({
  id: Type.Integer(),
  rowNumber: Type.Integer(),
  column: Nullable(Type.String()),
  value: Type.String(),
  reason: Type.String(),
});
export type ImportRowError = WireOf<typeof ImportRowError>;
