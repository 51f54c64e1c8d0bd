// English messages of the shared form pieces: confirmations, date and time inputs, list cards.
export const enForms = {
  tthc: {
    forms: {
      bulk_delete_partial: "Deleted %{deleted} item(s). Could not delete %{refused}: %{names}",
      bulk_delete_none: "Nothing was deleted: %{names}",
    },
  },
};
