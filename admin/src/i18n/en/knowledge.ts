// English messages of the knowledge base (the list, the article, the import, the search on the desk);
// merged into enApp (en.ts). The Vietnamese file (vi/knowledge.ts) must have the same keys.
export const enKnowledge = {
  audit_resources: {
    "knowledge-articles": "Knowledge base",
  },
  tthc: {
    knowledge: {
      search_label: "Search the knowledge base",
      search_help: "Type a few words, with or without accents",
      insert: "Insert answer",
      inserted: "Answer inserted",
      no_results: "No matching article",
      searching: "Searching…",
      stale: "To review",
      stale_filter: "Review date passed",
      uses: "%{smart_count} use |||| %{smart_count} uses",
      import: "Import CSV",
      export: "Export CSV",
      importing: "Importing…",
      import_title: "Import result",
      import_done: "%{created} created, %{updated} updated, %{refused} row(s) refused",
      import_help:
        "Columns: ID (to update), Tiêu đề, Câu trả lời, Mã đơn vị (required), Chủ đề, Mã thủ tục, Tên thủ tục, Liên kết (one per line, “label | url”), Ngày rà soát, Trạng thái. Without an ID, a row with the same title in the same agency is updated.",
      row: "Line",
      column: "Column",
      reason: "Reason",
      close: "Close",
      public_page: "Public page",
      link_label: "Link text",
      link_url: "Address (https://…)",
      answer_help: "Written to be read aloud over the phone: short sentences, no abbreviations",
      topic_help: "The IVR topic id, e.g. ho_tich, cu_tru, dvctt",
      more: "Read more",
      statuses: {
        draft: "Draft",
        published: "Published",
      },
    },
  },
  resources: {
    "knowledge-articles": {
      name: "Knowledge article |||| Knowledge base",
      fields: {
        id: "ID",
        q: "Search",
        title: "Question / title",
        answer: "Answer",
        topic: "Topic",
        procedureCode: "Procedure code",
        procedureName: "Procedure name",
        agencyId: "Agency",
        agencyName: "Agency",
        links: "Links",
        reviewOn: "Review on",
        stale: "To review",
        status: "Status",
        useCount: "Uses",
        lastUsedAt: "Last used",
        createdAt: "Created",
        updatedAt: "Updated",
      },
    },
  },
};

export type KnowledgeMessages = typeof enKnowledge;
