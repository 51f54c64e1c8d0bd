import { Chip } from "@mui/material";
import { useRecordContext, useTranslate } from "react-admin";
import type { KnowledgeArticle } from "../../../../server/contract/hotline/knowledge";

/** "Cần rà soát" when the article's review day has passed (the server decides, on Vietnam's date). */
export const StaleChip = (_props: { label?: string }) => {
  const record = useRecordContext<KnowledgeArticle & { id: number }>();
  const translate = useTranslate();
  if (!record?.stale) return null;
  return <Chip size="small" color="warning" label={translate("tthc.knowledge.stale")} data-testid="stale-chip" />;
};
