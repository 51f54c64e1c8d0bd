import { Chip } from "@mui/material";
import { useRecordContext, useTranslate } from "react-admin";

const COLOR = { granted: "success", refused: "error", unknown: "default" } as const;

export const ConsentChip = (_props: { source?: string; label?: string; sortable?: boolean }) => {
  const record = useRecordContext<{ consentStatus: keyof typeof COLOR }>();
  const translate = useTranslate();
  if (!record) return null;
  return <Chip size="small" color={COLOR[record.consentStatus]} label={translate(`tthc.contacts.consent.${record.consentStatus}`)} />;
};

export const consentChoices = ["unknown", "granted", "refused"].map((id) => ({ id, name: `tthc.contacts.consent.${id}` }));
