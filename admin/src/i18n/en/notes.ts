// English messages of staff notes (the note form, notes on a call) and of the note categories
// administrators manage; merged into enApp (en.ts). The Vietnamese file (vi/notes.ts) must have the same keys.
export const enNotes = {
  validation: {
    note_category_inactive: "This category is no longer in use; choose another",
  },
  audit_resources: {
    "note-categories": "Note categories",
  },
  tthc: {
    notes: {
      form_title: "Call note",
      category: "Category",
      question: "Question asked",
      answer: "Answer given",
      resolved: "Resolved",
      finish: "Finish note",
      finished: "Note saved",
      saving: "Saving draft…",
      saved_at: "Saved draft at %{time}",
      save_failed: "The draft could not be saved; it will be retried as you type",
      inactive: "%{name} (no longer in use)",
      draft: "Draft",
      my_draft: "Your draft (not finished)",
      resolved_yes: "Resolved",
      resolved_no: "Not resolved",
      no_answer: "No answer recorded",
      kinds: {
        question: "Question",
        feedback: "Feedback",
        proposal: "Proposal",
        complaint: "Complaint",
      },
      code_help: "Lower-case letters, digits and _; notes refer to it",
      deactivate_hint: "A category used by notes cannot be deleted: switch off “In use” instead",
    },
  },
  resources: {
    "note-categories": {
      name: "Note category |||| Note categories",
      fields: {
        id: "ID",
        code: "Code",
        nameVi: "Name (Vietnamese)",
        nameEn: "Name (English)",
        kind: "Kind",
        active: "In use",
        sortOrder: "Order",
        createdAt: "Created",
        updatedAt: "Updated",
        q: "Search",
      },
    },
  },
};

export type NotesMessages = typeof enNotes;
