import { Chip } from "@mui/material";
import { useRecordContext, useTranslate } from "react-admin";
import { CONSENT_STATUSES, type ConsentStatus } from "../../../../server/contract/enums";
import type { Contact } from "../../../../server/contract/outreach/contacts";

const COLOR: Record<ConsentStatus, "success" | "error" | "default"> = { granted: "success", refused: "error", unknown: "default" };

export const ConsentChip = (_props: { source?: string; label?: string; sortable?: boolean }) => {
  const record = useRecordContext<Contact>();
  const translate = useTranslate();
  if (!record) return null;
  return <Chip size="small" color={COLOR[record.consentStatus]} label={translate(`tthc.contacts.consent.${record.consentStatus}`)} />;
};

export const consentChoices = CONSENT_STATUSES.map((id) => ({ id, name: `tthc.contacts.consent.${id}` }));
