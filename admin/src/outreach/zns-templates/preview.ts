// The template's text with <param> placeholders filled, as Zalo shows it: the same rule as the server
// (server/outreach/zns/fill.ts renderZnsPreview), so the form's preview is what the API answers.
export const fillPreview = (preview: string, values: Record<string, string>) =>
  preview.replace(/<([A-Za-z0-9_]{1,64})>/g, (whole, name: string) => values[name] ?? whole);

export interface ZnsParamRow {
  name?: string;
  sample?: string;
  source?: string;
}

/** Each named parameter's sample, for the preview while the form is edited. */
export const samplesOf = (params: readonly ZnsParamRow[] | undefined) =>
  Object.fromEntries((params ?? []).filter((p) => p?.name).map((p) => [p.name as string, p.sample ?? ""]));
