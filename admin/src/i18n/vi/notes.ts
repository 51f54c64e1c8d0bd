// Tin nhắn tiếng Việt của ghi chú cuộc gọi và danh mục ghi chú do quản trị viên quản lý.
// Typed as NotesMessages so the keys match the English file exactly.
import type { NotesMessages } from "../en/notes";

export const viNotes: NotesMessages = {
  validation: {
    note_category_inactive: "Danh mục này đã ngừng sử dụng; hãy chọn danh mục khác",
  },
  audit_resources: {
    "note-categories": "Danh mục ghi chú",
  },
  tthc: {
    notes: {
      form_title: "Ghi chú cuộc gọi",
      category: "Danh mục",
      question: "Câu hỏi của người dân",
      answer: "Nội dung trả lời",
      resolved: "Đã giải quyết",
      finish: "Hoàn tất ghi chú",
      finished: "Đã lưu ghi chú",
      saving: "Đang lưu nháp…",
      saved_at: "Đã lưu nháp lúc %{time}",
      save_failed: "Chưa lưu được nháp; hệ thống sẽ thử lại khi bạn tiếp tục nhập",
      inactive: "%{name} (đã ngừng sử dụng)",
      draft: "Nháp",
      my_draft: "Bản nháp của bạn (chưa hoàn tất)",
      resolved_yes: "Đã giải quyết",
      resolved_no: "Chưa giải quyết",
      no_answer: "Chưa ghi nội dung trả lời",
      kinds: {
        question: "Hỏi đáp",
        feedback: "Phản ánh",
        proposal: "Kiến nghị",
        complaint: "Khiếu nại",
      },
      code_help: "Chữ thường không dấu, chữ số và _; ghi chú tham chiếu theo mã này",
      deactivate_hint: "Danh mục đã có ghi chú thì không xoá được: hãy tắt “Đang dùng”",
    },
  },
  resources: {
    "note-categories": {
      name: "Danh mục ghi chú |||| Danh mục ghi chú",
      fields: {
        id: "Mã số",
        code: "Mã",
        nameVi: "Tên tiếng Việt",
        nameEn: "Tên tiếng Anh",
        kind: "Loại",
        active: "Đang dùng",
        sortOrder: "Thứ tự",
        createdAt: "Ngày tạo",
        updatedAt: "Ngày cập nhật",
        q: "Tìm kiếm",
      },
    },
  },
};
