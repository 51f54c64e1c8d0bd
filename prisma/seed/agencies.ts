// Demo agencies of Gia Lai province after the 1 July 2025 merger with Bình Định: two levels of
// local government (the province; communes and wards), the merged provincial departments, and a
// few units under them to show that the tree has any depth.
import type { AgencyKind } from "../../server/generated/prisma/enums.js";

export interface SeedAgency {
  code: string;
  name: string;
  kind: AgencyKind;
  parent?: string;
  phone?: string;
  /** Digits callers enter in the IVR to reach their commune or ward. */
  dialCode?: string;
  /** Where calls go when this agency is closed, has no one on duty or does not answer. */
  fallback?: string;
}

/** The hotline operators: the last stop of every fallback chain. */
export const OPERATORS = "TTPVHCC-TD";

export const PROVINCE: SeedAgency = { code: "GL", name: "UBND tỉnh Gia Lai", kind: "province", phone: "0256 3822 478" };

const departments: SeedAgency[] = (
  [
    ["VP-UBND", "Văn phòng UBND tỉnh"],
    ["SNV", "Sở Nội vụ"],
    ["STC", "Sở Tài chính"],
    ["SXD", "Sở Xây dựng"],
    ["SNNMT", "Sở Nông nghiệp và Môi trường"],
    ["SKHCN", "Sở Khoa học và Công nghệ"],
    ["STP", "Sở Tư pháp"],
    ["SYT", "Sở Y tế"],
    ["SGDDT", "Sở Giáo dục và Đào tạo"],
    ["SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"],
    ["SCT", "Sở Công Thương"],
    ["SDTTG", "Sở Dân tộc và Tôn giáo"],
    ["CAT", "Công an tỉnh"],
  ] as const
).map(([code, name]) => ({ code, name, kind: "department" as const, parent: PROVINCE.code, fallback: OPERATORS }));

const units: SeedAgency[] = [
  { code: "TTPVHCC", name: "Trung tâm Phục vụ hành chính công tỉnh", kind: "unit", parent: "VP-UBND", fallback: OPERATORS },
  { code: OPERATORS, name: "Tổ tổng đài viên", kind: "unit", parent: "TTPVHCC" },
  { code: "VPDKDD", name: "Văn phòng Đăng ký đất đai", kind: "unit", parent: "SNNMT", fallback: "SNNMT" },
  { code: "CAT-PC06", name: "Phòng Cảnh sát quản lý hành chính về trật tự xã hội", kind: "unit", parent: "CAT", fallback: "CAT" },
  { code: "STP-HTQT", name: "Phòng Hành chính tư pháp", kind: "unit", parent: "STP", fallback: "STP" },
];

const wards = [
  ["P-QUYNHON", "Phường Quy Nhơn"],
  ["P-QUYNHONDONG", "Phường Quy Nhơn Đông"],
  ["P-QUYNHONTAY", "Phường Quy Nhơn Tây"],
  ["P-QUYNHONNAM", "Phường Quy Nhơn Nam"],
  ["P-QUYNHONBAC", "Phường Quy Nhơn Bắc"],
  ["P-BINHDINH", "Phường Bình Định"],
  ["P-ANNHON", "Phường An Nhơn"],
  ["P-HOAINHON", "Phường Hoài Nhơn"],
  ["P-BONGSON", "Phường Bồng Sơn"],
  ["P-TAMQUAN", "Phường Tam Quan"],
  ["P-PLEIKU", "Phường Pleiku"],
  ["P-HOIPHU", "Phường Hội Phú"],
  ["P-THONGNHAT", "Phường Thống Nhất"],
  ["P-DIENHONG", "Phường Diên Hồng"],
  ["P-ANPHU", "Phường An Phú"],
  ["P-ANKHE", "Phường An Khê"],
  ["P-AYUNPA", "Phường Ayun Pa"],
] as const;

const communes = [
  ["X-TUYPHUOC", "Xã Tuy Phước"],
  ["X-PHUCAT", "Xã Phù Cát"],
  ["X-PHUMY", "Xã Phù Mỹ"],
  ["X-TAYSON", "Xã Tây Sơn"],
  ["X-VANCANH", "Xã Vân Canh"],
  ["X-VINHTHANH", "Xã Vĩnh Thạnh"],
  ["X-HOAIAN", "Xã Hoài Ân"],
  ["X-ANLAO", "Xã An Lão"],
  ["X-NHONCHAU", "Xã Nhơn Châu"],
  ["X-CHUSE", "Xã Chư Sê"],
  ["X-CHUPAH", "Xã Chư Păh"],
  ["X-IAGRAI", "Xã Ia Grai"],
  ["X-DAKDOA", "Xã Đak Đoa"],
  ["X-MANGYANG", "Xã Mang Yang"],
  ["X-KBANG", "Xã Kbang"],
  ["X-KONGCHRO", "Xã Kông Chro"],
  ["X-DUCCO", "Xã Đức Cơ"],
  ["X-CHUPRONG", "Xã Chư Prông"],
  ["X-KRONGPA", "Xã Krông Pa"],
  ["X-PHUTHIEN", "Xã Phú Thiện"],
  ["X-IAPA", "Xã Ia Pa"],
  ["X-CHUPUH", "Xã Chư Pưh"],
  ["X-DAKPO", "Xã Đak Pơ"],
  ["X-BIENHO", "Xã Biển Hồ"],
] as const;

export const SEED_AGENCIES: SeedAgency[] = [
  PROVINCE,
  ...departments,
  ...units,
  // Dial codes: wards 101…, communes 201…, as the hotline's posters at each one-stop desk would list them.
  ...wards.map(([code, name], i) => ({
    code,
    name,
    kind: "ward" as const,
    parent: PROVINCE.code,
    dialCode: String(101 + i),
    fallback: OPERATORS,
  })),
  ...communes.map(([code, name], i) => ({
    code,
    name,
    kind: "commune" as const,
    parent: PROVINCE.code,
    dialCode: String(201 + i),
    fallback: OPERATORS,
  })),
];
