import { Chip, Stack } from "@mui/material";
import { type FieldProps, useFieldValue, useTranslate } from "react-admin";

/** The user's roles as translated chips. */
export const RolesField = ({ source = "roles", record }: FieldProps) => {
  const roles: unknown = useFieldValue({ source, record });
  const translate = useTranslate();
  if (!Array.isArray(roles)) return null;
  return (
    <Stack direction="row" sx={{ flexWrap: "wrap", gap: 0.5 }}>
      {roles.map((role) => (
        <Chip key={String(role)} size="small" label={translate(`tthc.roles.${role}`, { _: String(role) })} />
      ))}
    </Stack>
  );
};
