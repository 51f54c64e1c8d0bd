// A ZNS template filled for one recipient: each parameter's value from its source (a contact
// variable, or "const:<text>"), and the preview text with Zalo's <param> placeholders replaced. Pure:
// the worker, the wizard's preview and the tests use the same.

export interface ZnsParam {
  /** The parameter's name in Zalo's template (the key of TempData). */
  name: string;
  /** A value shown in previews when a contact has none. */
  sample: string;
  /** A contact variable ("ten", "name", a custom attribute) or "const:<text>". */
  source: string;
}

/** Parameters as stored (JSON) → a clean list; anything malformed is dropped. */
export function znsParams(json: unknown): ZnsParam[] {
  if (!Array.isArray(json)) return [];
  return json
    .filter((p): p is Record<string, unknown> => p !== null && typeof p === "object")
    .map((p) => ({ name: String(p.name ?? ""), sample: String(p.sample ?? ""), source: String(p.source ?? "") }))
    .filter((p) => /^[A-Za-z0-9_]{1,64}$/.test(p.name));
}

/**
 * The values of a template's parameters for a recipient. `overrides` (the campaign's mapping)
 * replaces a parameter's source; `sample: true` falls back to the sample when a value is missing.
 */
export function fillZnsParams(
  params: readonly ZnsParam[],
  vars: Record<string, string | null | undefined>,
  overrides: Record<string, unknown> = {},
  options: { sample?: boolean } = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of params) {
    const override = overrides[p.name];
    const source = typeof override === "string" && override !== "" ? override : p.source;
    const value = source.startsWith("const:") ? source.slice("const:".length) : (vars[source] ?? "");
    out[p.name] = value === "" && options.sample ? p.sample : value;
  }
  return out;
}

/** The preview text with <name> placeholders filled (Zalo writes parameters as <name>). */
export function renderZnsPreview(preview: string, values: Record<string, string>): string {
  return preview.replace(/<([A-Za-z0-9_]{1,64})>/g, (whole, name: string) => values[name] ?? whole);
}
