import { Link, List, ListItem, Stack, Typography } from "@mui/material";
import {
  DateField,
  EditButton,
  Labeled,
  NumberField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from "react-admin";
import type { KnowledgeArticle } from "../../../../server/contract/hotline/knowledge";
import { DateTimeField } from "../../common/DateTimeField";
import { TranslatedChip } from "../../common/TranslatedChip";
import { StaleChip } from "./StaleChip";

type Article = KnowledgeArticle & { id: number };

const Actions = () => {
  const record = useRecordContext<Article>();
  const translate = useTranslate();
  return (
    <TopToolbar>
      {record?.status === "published" && (
        <Link href={`/kb/${record.id}`} target="_blank" rel="noopener" sx={{ alignSelf: "center", mr: 2 }}>
          {translate("tthc.knowledge.public_page")}
        </Link>
      )}
      {record?.canEdit && <EditButton />}
    </TopToolbar>
  );
};

const Answer = (_props: { label?: string }) => {
  const record = useRecordContext<Article>();
  return (
    <Typography sx={{ whiteSpace: "pre-line", maxWidth: 800 }} data-testid="knowledge-answer">
      {record?.answer}
    </Typography>
  );
};

const Links = (_props: { label?: string }) => {
  const record = useRecordContext<Article>();
  if (!record?.links.length) return <Typography>—</Typography>;
  return (
    <List dense disablePadding>
      {record.links.map((link) => (
        <ListItem key={link.url} disableGutters>
          <Link href={link.url} target="_blank" rel="noopener noreferrer">
            {link.label}
          </Link>
        </ListItem>
      ))}
    </List>
  );
};

/** The review day, flagged when it has passed. */
const ReviewOn = (_props: { label?: string }) => (
  <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
    <DateField source="reviewOn" locales="vi-VN" emptyText="—" />
    <StaleChip />
  </Stack>
);

export const KnowledgeShow = () => (
  <Show actions={<Actions />}>
    <SimpleShowLayout>
      <TextField source="title" variant="h6" />
      <Labeled source="answer">
        <Answer />
      </Labeled>
      <TextField source="agencyName" />
      <TranslatedChip source="status" prefix="tthc.knowledge.statuses" />
      <TextField source="topic" emptyText="—" />
      <TextField source="procedureCode" emptyText="—" />
      <TextField source="procedureName" emptyText="—" />
      <Labeled source="links">
        <Links />
      </Labeled>
      <Labeled source="reviewOn">
        <ReviewOn />
      </Labeled>
      <NumberField source="useCount" />
      <DateTimeField source="lastUsedAt" emptyText="—" />
      <DateTimeField source="updatedAt" />
    </SimpleShowLayout>
  </Show>
);
