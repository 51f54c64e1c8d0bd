// The building blocks of the contract's schemas, and the type of a response as the console reads it.
import Type from "typebox";

export const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Timestamps leave the database as Date and are serialised as ISO 8601 strings. */
export const DateTime = Type.Unsafe<Date | string>({ type: "string", format: "date-time" });

/**
 * One of a list of codes, typed as their union. A string schema with `enum` (not a union of
 * literals), so a response field is serialised as the plain string it always was.
 */
export const StringEnum = <T extends string>(codes: readonly T[]) => Type.Unsafe<T>({ type: "string", enum: [...codes] });

/** A value as the console receives it: JSON has no dates, the server sends them as ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? Wire<Item>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** The console's view of a schema's value. */
export type WireOf<T extends Type.TSchema> = Wire<Type.Static<T>>;
