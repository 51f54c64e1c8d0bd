// The knowledge base where staff answer: a search box that searches as they type (accents optional,
// the server ranks title matches first) and, under each result, the answer to read and "Chèn câu trả
// lời", which hands the answer to the form around it (onInsert) and counts the use on the server
// (POST /api/knowledge-articles/:id/uses, with the call or case it went into). Used by the desk's note
// form; the case form mounts it the same way.
import { Box, Button, Chip, LinearProgress, List, ListItem, Stack, TextField, Typography } from "@mui/material";
import { useEffect, useRef, useState } from "react";
import { useCanAccess, useNotify, useTranslate } from "react-admin";
import type { KnowledgeArticle } from "../../../../server/contract/hotline/knowledge";
import { API_URL, httpClient } from "../../dataProvider";

export interface KnowledgeSearchProps {
  /** Receives the article's answer to insert, and its id. */
  onInsert: (text: string, articleId: number) => void;
  /** The call or case the answer goes into, recorded with the use. */
  callId?: number | string | null;
  caseId?: number | string | null;
}

/** Waits this long after the last keystroke before searching. */
const SEARCH_DELAY_MS = 250;
const RESULTS = 5;

const searchUrl = (q: string) =>
  `${API_URL}/knowledge-articles?${new URLSearchParams({
    filter: JSON.stringify({ q, status: "published" }),
    range: JSON.stringify([0, RESULTS - 1]),
    sort: JSON.stringify(["useCount", "DESC"]),
  })}`;

const idOrNull = (id: number | string | null | undefined) => (id == null || id === "" ? null : Number(id));

export const KnowledgeSearch = ({ onInsert, callId, caseId }: KnowledgeSearchProps) => {
  const translate = useTranslate();
  const notify = useNotify();
  const { canAccess } = useCanAccess({ resource: "knowledge-articles", action: "list" });
  const [q, setQ] = useState("");
  const [results, setResults] = useState<KnowledgeArticle[] | null>(null);
  const [loading, setLoading] = useState(false);
  // Only the answer to the latest query is shown, whatever order the responses arrive in.
  const latest = useRef(0);

  useEffect(() => {
    const query = q.trim();
    if (!query) {
      setResults(null);
      setLoading(false);
      return;
    }
    const ticket = ++latest.current;
    setLoading(true);
    const timer = setTimeout(() => {
      httpClient(searchUrl(query))
        .then(({ json }) => {
          if (ticket === latest.current) setResults(json as KnowledgeArticle[]);
        })
        .catch(() => {
          if (ticket === latest.current) setResults([]);
        })
        .finally(() => {
          if (ticket === latest.current) setLoading(false);
        });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [q]);

  if (!canAccess) return null;

  const insert = (article: KnowledgeArticle) => {
    onInsert(article.answer, article.id);
    notify("tthc.knowledge.inserted", { type: "info" });
    // Counting the use must never stand in the staff member's way: a failure is not shown.
    void httpClient(`${API_URL}/knowledge-articles/${article.id}/uses`, {
      method: "POST",
      body: JSON.stringify({ callId: idOrNull(callId), caseId: idOrNull(caseId) }),
    }).catch(() => undefined);
  };

  return (
    <Box data-testid="knowledge-search">
      <TextField
        size="small"
        fullWidth
        type="search"
        label={translate("tthc.knowledge.search_label")}
        helperText={translate("tthc.knowledge.search_help")}
        value={q}
        onChange={(event) => setQ(event.target.value)}
        // Inside a form (the note), Enter must not submit it.
        onKeyDown={(event) => {
          if (event.key === "Enter") event.preventDefault();
        }}
        slotProps={{ htmlInput: { maxLength: 200, "aria-label": translate("tthc.knowledge.search_label") } }}
      />
      {loading && <LinearProgress sx={{ mt: 0.5 }} />}
      {results && results.length === 0 && !loading && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {translate("tthc.knowledge.no_results")}
        </Typography>
      )}
      {results && results.length > 0 && (
        <List dense disablePadding aria-label={translate("tthc.knowledge.search_label")}>
          {results.map((article) => (
            <ListItem key={article.id} disableGutters divider sx={{ display: "block" }} data-testid="knowledge-result">
              <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
                <Typography variant="subtitle2" component="h4">
                  {article.title}
                </Typography>
                {article.procedureCode && <Chip size="small" variant="outlined" label={article.procedureCode} />}
                {article.stale && <Chip size="small" color="warning" label={translate("tthc.knowledge.stale")} />}
              </Stack>
              <Typography variant="caption" color="text.secondary">
                {article.agencyName} · {translate("tthc.knowledge.uses", { smart_count: article.useCount })}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: "pre-line", my: 0.5, maxHeight: 160, overflow: "auto" }}>
                {article.answer}
              </Typography>
              <Button type="button" size="small" variant="outlined" onClick={() => insert(article)}>
                {translate("tthc.knowledge.insert")}
              </Button>
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
};
