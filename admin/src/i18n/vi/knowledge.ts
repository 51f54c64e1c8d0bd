// Tin nhắn tiếng Việt của kho tri thức (danh sách, bài viết, nhập tệp, tìm kiếm trên bàn làm việc).
// Typed as KnowledgeMessages so the keys match the English file exactly.
import type { KnowledgeMessages } from "../en/knowledge";

export const viKnowledge: KnowledgeMessages = {
  audit_resources: {
    "knowledge-articles": "Kho tri thức",
  },
  tthc: {
    knowledge: {
      search_label: "Tìm trong kho tri thức",
      search_help: "Gõ vài từ, có dấu hoặc không dấu đều được",
      insert: "Chèn câu trả lời",
      inserted: "Đã chèn câu trả lời",
      no_results: "Không tìm thấy bài viết phù hợp",
      searching: "Đang tìm…",
      stale: "Cần rà soát",
      stale_filter: "Quá ngày rà soát",
      uses: "%{smart_count} lượt dùng |||| %{smart_count} lượt dùng",
      import: "Nhập CSV",
      export: "Xuất CSV",
      importing: "Đang nhập…",
      import_title: "Kết quả nhập tệp",
      import_done: "%{created} bài mới, %{updated} bài cập nhật, %{refused} dòng bị từ chối",
      import_help:
        "Các cột: ID (để cập nhật), Tiêu đề, Câu trả lời, Mã đơn vị (bắt buộc), Chủ đề, Mã thủ tục, Tên thủ tục, Liên kết (mỗi dòng một liên kết, “tên | địa chỉ”), Ngày rà soát, Trạng thái. Không có ID thì dòng trùng tiêu đề trong cùng đơn vị được cập nhật.",
      row: "Dòng",
      column: "Cột",
      reason: "Lý do",
      close: "Đóng",
      public_page: "Trang công khai",
      link_label: "Tên liên kết",
      link_url: "Địa chỉ (https://…)",
      answer_help: "Viết để đọc qua điện thoại: câu ngắn, không viết tắt",
      topic_help: "Mã chủ đề của tổng đài, ví dụ ho_tich, cu_tru, dvctt",
      more: "Xem thêm",
      statuses: {
        draft: "Bản nháp",
        published: "Đã đăng",
      },
    },
  },
  resources: {
    "knowledge-articles": {
      name: "Bài viết |||| Kho tri thức",
      fields: {
        id: "ID",
        q: "Tìm kiếm",
        title: "Câu hỏi / tiêu đề",
        answer: "Câu trả lời",
        topic: "Chủ đề",
        procedureCode: "Mã thủ tục",
        procedureName: "Tên thủ tục",
        agencyId: "Cơ quan",
        agencyName: "Cơ quan",
        links: "Liên kết",
        reviewOn: "Ngày rà soát",
        stale: "Cần rà soát",
        status: "Trạng thái",
        useCount: "Lượt dùng",
        lastUsedAt: "Lần dùng gần nhất",
        createdAt: "Ngày tạo",
        updatedAt: "Cập nhật",
      },
    },
  },
};
