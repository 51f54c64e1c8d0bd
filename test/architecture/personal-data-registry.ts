// Reads a Prisma schema and says which models hold a person's data: a phone-like or person field, free
// text that may be about a person, or a relation to a model that is a holder (data about the citizen
// through it). The registry test checks every such model is a holder or excused.

export interface SchemaModel {
  name: string;
  fields: { name: string; type: string; relationTo?: string }[];
}

export function parseModels(schema: string): SchemaModel[] {
  const models: SchemaModel[] = [];
  for (const match of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const [, name, body] = match as unknown as [string, string, string];
    const fields: SchemaModel["fields"] = [];
    for (const raw of body.split("\n")) {
      const line = raw.trim();
      if (!line || line.startsWith("//") || line.startsWith("@@")) continue;
      const [fieldName, type] = line.split(/\s+/);
      if (!fieldName || !type) continue;
      const base = type.replace(/[?[\]]/g, "");
      fields.push({ name: fieldName, type: base, ...(/@relation\([^)]*fields:/.test(line) ? { relationTo: base } : {}) });
    }
    models.push({ name, fields });
  }
  return models;
}

/** Field names that hold a number, a name, contact details or free text that may be about a person. */
const EXACT = new Set([
  "from",
  "to",
  "caller",
  "number",
  "msisdn",
  "name",
  "fullname",
  "email",
  "note",
  "text",
  "body",
  "address",
  "before",
  "after",
  "question",
  "answer",
  "value",
  "recipient",
  "reason",
  "detail",
  "data",
  "state",
]);
const CONTAINS = ["phone", "caller", "msisdn", "email", "recording", "citizen", "address"];

export function personFields(model: SchemaModel): string[] {
  return model.fields
    .filter((f) => f.type === "String" || f.type === "Json")
    .map((f) => f.name)
    .filter((name) => EXACT.has(name.toLowerCase()) || CONTAINS.some((c) => name.toLowerCase().includes(c)));
}

/** Models that need an entry, with why: their own fields, or a relation to a holder. */
export function modelsNeedingEntry(models: SchemaModel[], holders: ReadonlySet<string>): Map<string, string> {
  const need = new Map<string, string>();
  for (const model of models) {
    const fields = personFields(model);
    if (fields.length > 0) need.set(model.name, `fields ${fields.join(", ")}`);
    const about = model.fields.filter((f) => f.relationTo && holders.has(f.relationTo));
    if (about.length > 0 && !need.has(model.name)) need.set(model.name, `relation to ${about.map((f) => f.relationTo).join(", ")}`);
  }
  return need;
}

/** Problems with a registry against a schema: models in neither list, names of no model, models in both. */
export function registryProblems(schema: string, holders: readonly string[], excused: readonly string[]): string[] {
  const models = parseModels(schema);
  const names = new Set(models.map((m) => m.name));
  const holderSet = new Set(holders);
  const problems: string[] = [];
  for (const [model, why] of modelsNeedingEntry(models, holderSet)) {
    if (!holderSet.has(model) && !excused.includes(model)) problems.push(`${model} (${why}) is neither a holder nor excused`);
  }
  for (const name of [...holders, ...excused]) if (!names.has(name)) problems.push(`${name} is no model of the schema`);
  for (const name of holders) if (excused.includes(name)) problems.push(`${name} is both a holder and excused`);
  return problems;
}
