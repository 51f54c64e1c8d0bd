// ra-data-simple-rest against the same-origin API, with the session cookie. Adds what the stock
// provider lacks: only writable fields are sent, server error reasons become translation keys,
// DELETE may answer 204, bulk updates merge into the full record, and a password reset call.
import simpleRestProvider from "ra-data-simple-rest";
import { type DataProvider, type DeleteParams, fetchUtils, HttpError, type Identifier, type RaRecord } from "react-admin";
import { ROUTING_FIELDS } from "../../server/contract/agencies/routing-fields";
import { enApp } from "./i18n/en";

export const API_URL = "/api";

export interface TthcDataProvider extends DataProvider {
  /** POST /api/users/:id/password; rejects with an HttpError whose body may carry field errors. */
  resetPassword: (id: Identifier, password: string) => Promise<void>;
}

/** Error codes the server may send without field errors (e.g. `in_use` from a foreign key). */
const REASON_CODES = new Set(Object.keys(enApp.tthc.validation));

/**
 * Notifications show `error.message`, which the server writes in English. Replace it with a
 * translation key: the first field reason, a known code, or a generic key for the status.
 * `body.errors` is kept, so forms still show each reason next to its field.
 */
function localise(error: unknown): unknown {
  if (!(error instanceof HttpError)) return error;
  const reasons: unknown[] = error.body?.errors ? Object.values(error.body.errors) : [];
  const reason = reasons.find((value): value is string => typeof value === "string");
  const code: unknown = error.body?.code;
  let message = error.message;
  if (reason) message = reason;
  else if (typeof code === "string" && REASON_CODES.has(code)) message = `tthc.validation.${code}`;
  else if (error.status === 403) message = "tthc.auth.forbidden";
  else if (error.status === 404) message = "ra.notification.item_doesnt_exist";
  else if (error.status >= 500) message = "ra.notification.http_error";
  return message === error.message ? error : new HttpError(message, error.status, error.body);
}

export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  try {
    return await fetchUtils.fetchJson(url, { ...options, credentials: "include" });
  } catch (error) {
    throw localise(error);
  }
}

const STAFF_FIELDS = ["phone", "answerOn", "presencePin"];

/** What the API accepts on POST / PUT per resource; everything else (ids, counts, dates) is dropped. */
const writable: Record<string, { create: readonly string[]; update: readonly string[] }> = {
  agencies: {
    create: ["code", "name", "kind", "parentId", "phone", "active", ...ROUTING_FIELDS],
    update: ["code", "name", "kind", "parentId", "phone", "active", ...ROUTING_FIELDS],
  },
  users: {
    create: ["username", "password", "name", "email", "roles", "agencyId", "active", ...STAFF_FIELDS],
    update: ["name", "email", "roles", "agencyId", "active", ...STAFF_FIELDS],
  },
  "hours-overrides": {
    create: ["agencyId", "date", "closed", "ranges", "note"],
    update: ["agencyId", "date", "closed", "ranges", "note"],
  },
  "callback-requests": { create: [], update: ["status"] },
  "knowledge-articles": {
    create: ["title", "answer", "topic", "procedureCode", "procedureName", "agencyId", "links", "reviewOn", "status"],
    update: ["title", "answer", "topic", "procedureCode", "procedureName", "agencyId", "links", "reviewOn", "status"],
  },
  "note-categories": {
    create: ["code", "nameVi", "nameEn", "kind", "active", "sortOrder"],
    update: ["code", "nameVi", "nameEn", "kind", "active", "sortOrder"],
  },
};

function pick(resource: string, mode: "create" | "update", data: Record<string, unknown>) {
  const fields = writable[resource]?.[mode];
  if (!fields) return data;
  return Object.fromEntries(fields.filter((field) => field in data).map((field) => [field, data[field]]));
}

const base = simpleRestProvider(API_URL, httpClient);

async function remove(resource: string, id: Identifier): Promise<RaRecord | undefined> {
  const { json } = await httpClient(`${API_URL}/${resource}/${encodeURIComponent(id)}`, { method: "DELETE" });
  return json as RaRecord | undefined;
}

export const dataProvider: TthcDataProvider = {
  ...base,
  create: (resource, params) => base.create(resource, { ...params, data: pick(resource, "create", params.data) }),
  update: (resource, params) => base.update(resource, { ...params, data: pick(resource, "update", params.data) }),
  updateMany: async (resource, params) => {
    // PUT replaces the record, so merge the bulk change (e.g. { active: false }) into each one.
    const results = await Promise.all(
      params.ids.map(async (id) => {
        const { data: current } = await base.getOne(resource, { id });
        const data = pick(resource, "update", { ...current, ...params.data });
        return (await base.update(resource, { id, data, previousData: current })).data.id;
      }),
    );
    return { data: results };
  },
  // The stock provider expects the deleted record back; accept 204 No Content too.
  delete: async <RecordType extends RaRecord>(resource: string, params: DeleteParams<RecordType>) => {
    const json = await remove(resource, params.id);
    return { data: (json ?? params.previousData ?? { id: params.id }) as RecordType };
  },
  deleteMany: async (resource, params) => {
    await Promise.all(params.ids.map((id) => remove(resource, id)));
    return { data: params.ids };
  },
  resetPassword: async (id, password) => {
    await httpClient(`${API_URL}/users/${encodeURIComponent(id)}/password`, {
      method: "POST",
      body: JSON.stringify({ password }),
    });
  },
};
