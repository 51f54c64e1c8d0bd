// What a citizen asked about, as staff classify it in a note. Ids are stored; the console translates
// them (tthc.calls.note_categories.*).
export const NOTE_CATEGORIES = [
  "ho_tich", // hộ tịch
  "cu_tru", // cư trú
  "dat_dai", // đất đai
  "xay_dung", // xây dựng
  "dau_tu_kinh_doanh", // đầu tư kinh doanh
  "lao_dong_chinh_sach", // lao động, chính sách
  "dich_vu_cong_truc_tuyen", // dịch vụ công trực tuyến
  "khac", // khác
] as const;

export type NoteCategory = (typeof NOTE_CATEGORIES)[number];
