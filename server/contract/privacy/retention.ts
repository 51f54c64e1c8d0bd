// The wire schemas of retention: GET/PUT /api/settings/retention and GET /api/retention/preview.
// The kinds, their lawful defaults and limits are in retention-kinds.ts.
import Type from "typebox";
import { DateTime, Nullable, type WireOf } from "../schema.js";
import { RETENTION_KINDS, type RetentionField } from "./retention-kinds.js";

export {
  RETENTION_DEFAULTS,
  RETENTION_KINDS,
  type RetentionField,
  type RetentionKind,
  type RetentionKindRule,
  type RetentionSettings,
} from "./retention-kinds.js";

/** GET/PUT /api/settings/retention: every period, in days, within its own limits. */
export const RetentionSettingsSchema = Type.Object(
  Object.fromEntries(RETENTION_KINDS.map((rule) => [rule.field, Type.Integer({ minimum: rule.min, maximum: rule.max })])) as Record<
    RetentionField,
    ReturnType<typeof Type.Integer>
  >,
  { additionalProperties: false },
);

/** GET /api/retention/preview: what the next run would remove if it ran at `now`. */
export const RetentionPreview = Type.Object({
  now: DateTime,
  kinds: Type.Array(
    Type.Object({
      kind: Type.String(),
      days: Type.Integer(),
      /** Records older than this go (for campaign recipients: campaigns that ended before it). */
      cutoff: DateTime,
      /** null: this kind is not enforced yet (nothing to remove in this installation). */
      count: Nullable(Type.Integer({ minimum: 0 })),
    }),
  ),
});
export type RetentionPreview = WireOf<typeof RetentionPreview>;
