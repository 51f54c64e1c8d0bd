// One place turns every error into the console's error shape and hides internals on 5xx.
import type { FastifyError } from "fastify";
import fp from "fastify-plugin";
import type { FieldErrorKey } from "../../../contract/error-reasons.js";
import { Prisma } from "../../../generated/prisma/client.js";
import { type FieldErrors, HttpError } from "../../http/errors.js";

interface ErrorBody {
  statusCode: number;
  message: string;
  code?: string;
  errors?: FieldErrors;
}

const REASON_BY_KEYWORD: Record<string, FieldErrorKey> = {
  required: "ra.validation.required",
  format: "tthc.validation.format",
  pattern: "tthc.validation.format",
};

/** Turns ajv's validation errors into `{ field: reason }` for react-admin's form. */
function fieldErrors(error: FastifyError): FieldErrors {
  const errors: FieldErrors = {};
  for (const item of error.validation ?? []) {
    const params = item.params as { missingProperty?: string };
    const path = item.instancePath.replace(/^\//, "").replace(/\//g, ".");
    const field = params.missingProperty ? [path, params.missingProperty].filter(Boolean).join(".") : path;
    errors[field || (error.validationContext ?? "body")] = REASON_BY_KEYWORD[item.keyword] ?? "tthc.validation.invalid";
  }
  return errors;
}

interface AdapterCause {
  table?: string;
  constraint?: { fields?: string[]; index?: string };
}

/** The fields of a violated unique constraint. The pg adapter names only the index (`users_username_key`). */
function uniqueFields(error: Prisma.PrismaClientKnownRequestError): string[] {
  const cause = (error.meta?.driverAdapterError as { cause?: AdapterCause } | undefined)?.cause;
  const target = (error.meta?.target ?? cause?.constraint?.fields) as string[] | string | undefined;
  if (target) return Array.isArray(target) ? target : [target];
  const index = cause?.constraint?.index;
  if (!index || !cause?.table || !index.startsWith(`${cause.table}_`) || !index.endsWith("_key")) return [];
  const column = index.slice(cause.table.length + 1, -"_key".length);
  return [column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())];
}

function prismaError(error: Prisma.PrismaClientKnownRequestError): ErrorBody | undefined {
  const fields = uniqueFields(error);
  switch (error.code) {
    case "P2002":
      return {
        statusCode: 409,
        message: `Already exists: ${fields.join(", ") || "a unique value"} is taken`,
        errors: Object.fromEntries(fields.map((f) => [f.replace(/"/g, ""), "tthc.validation.taken"])),
      };
    case "P2003":
      return { statusCode: 409, message: "The record is still referenced by other records", code: "in_use" };
    case "P2025":
      return { statusCode: 404, message: "Not found" };
    default:
      return undefined;
  }
}

export default fp(
  async (fastify) => {
    fastify.setErrorHandler((error: FastifyError, request, reply) => {
      let body: ErrorBody;
      if (error instanceof HttpError) {
        body = { statusCode: error.statusCode, message: error.message, code: error.details.code, errors: error.details.errors };
        if (error.details.retryAfter) reply.header("Retry-After", String(error.details.retryAfter));
      } else if (error.validation) {
        body = { statusCode: 400, message: `Invalid request: ${error.message}`, errors: fieldErrors(error) };
      } else if (error instanceof Prisma.PrismaClientKnownRequestError && prismaError(error)) {
        body = prismaError(error) as ErrorBody;
      } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        body = { statusCode: error.statusCode, message: error.message, code: error.code };
      } else {
        request.log.error({ err: error }, "request failed");
        body = { statusCode: 500, message: "Internal Server Error" };
      }
      if (body.statusCode < 500) request.log.info({ statusCode: body.statusCode, reason: body.message }, "request refused");
      return reply.status(body.statusCode).send(body);
    });

    fastify.setNotFoundHandler((request, reply) =>
      reply.status(404).send({ statusCode: 404, message: `No route for ${request.method} ${request.url.split("?")[0]}` }),
    );
  },
  { name: "error-handler" },
);
