// Vietnamese messages of the shared form pieces: confirmations, date and time inputs, list cards.
import type { enForms } from "../en/forms";

export const viForms: typeof enForms = {
  tthc: {
    forms: {
      bulk_delete_partial: "Đã xóa %{deleted} mục. Không xóa được %{refused} mục: %{names}",
      bulk_delete_none: "Không xóa được mục nào: %{names}",
    },
  },
};
