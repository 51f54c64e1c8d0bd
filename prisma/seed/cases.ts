// Demo cases (phiếu, docs/cases.md): a handful across the states, for a few agencies, each worked
// step by step by demo staff on days counted back from the seed's day, so the console's lists, the
// desk and the history have something true to show. A case is matched by its citizen's number and
// question, so running the seed again adds nothing.
import type { NoteKind } from "../../server/contract/enums.js";

/** One step of a demo case's life, `daysAgo` days before the seed runs, by `by` (a demo username). */
export type SeedCaseStep =
  | { type: "assign"; to: string; by: string; daysAgo: number }
  | { type: "wait"; by: string; daysAgo: number }
  | { type: "answer"; answer: string; by: string; daysAgo: number }
  | { type: "close"; by: string; daysAgo: number; survey?: { satisfaction: 1 | 2 | 3; resolved: 1 | 2 } }
  | { type: "transfer"; toAgency: string; reason: string; by: string; daysAgo: number };

export interface SeedCase {
  /** Index of the demo citizen's number (people.ts demoCitizenPhone). */
  citizen: number;
  citizenName: string;
  kind: NoteKind;
  topic: string | null;
  procedureCode: string | null;
  procedureName: string | null;
  question: string;
  agencyCode: string;
  createdBy: string;
  /** At least three days back: the service SMS sweep (two days) leaves demo cases alone. */
  createdDaysAgo: number;
  steps: SeedCaseStep[];
}

export const SEED_CASES: SeedCase[] = [
  {
    citizen: 1,
    citizenName: "Nguyễn Thị Hoa",
    kind: "question",
    topic: "ho_tich",
    procedureCode: null,
    procedureName: null,
    question:
      "Bà bị mất bản chính giấy khai sinh, hỏi xin cấp bản sao trích lục khai sinh ở đâu, cần mang giấy tờ gì và có làm trực tuyến được không.",
    agencyCode: "STP-HTQT",
    createdBy: "stp-htqt.nv1",
    createdDaysAgo: 3,
    steps: [],
  },
  {
    citizen: 2,
    citizenName: "Trần Văn Bảo",
    kind: "feedback",
    topic: null,
    procedureCode: null,
    procedureName: null,
    question:
      "Ông nộp hồ sơ cấp phiếu lý lịch tư pháp số 2 đã quá ngày hẹn trên giấy biên nhận nhưng chưa nhận được kết quả, đề nghị kiểm tra giúp.",
    agencyCode: "STP",
    createdBy: "stp.nv1",
    createdDaysAgo: 4,
    steps: [{ type: "assign", to: "stp.nv1", by: "stp.giamsat", daysAgo: 4 }],
  },
  {
    citizen: 3,
    citizenName: "Rơ Châm H'Lan",
    kind: "question",
    topic: null,
    procedureCode: null,
    procedureName: null,
    question:
      "Bà muốn làm thủ tục sang tên quyền sử dụng đất do được thừa kế của cha, hỏi cần những giấy tờ gì; đã gọi lại, còn thiếu văn bản thỏa thuận phân chia di sản.",
    agencyCode: "VPDKDD",
    createdBy: "vpdkdd.nv1",
    createdDaysAgo: 3,
    steps: [
      { type: "assign", to: "vpdkdd.nv1", by: "vpdkdd.giamsat", daysAgo: 3 },
      { type: "wait", by: "vpdkdd.nv1", daysAgo: 3 },
    ],
  },
  {
    citizen: 4,
    citizenName: "Lê Minh Tuấn",
    kind: "question",
    topic: "cu_tru",
    procedureCode: "2.001255",
    procedureName: "Cấp lại thẻ căn cước",
    question: "Ông hỏi làm lại thẻ căn cước cho con dưới 14 tuổi bị mất thì nộp ở đâu và có phải đưa cháu đến không.",
    agencyCode: "CAT-PC06",
    createdBy: "cat-pc06.nv1",
    createdDaysAgo: 9,
    steps: [
      { type: "assign", to: "cat-pc06.nv2", by: "cat-pc06.giamsat", daysAgo: 9 },
      {
        type: "answer",
        answer:
          "Dạ, ông nộp hồ sơ cấp lại thẻ căn cước cho cháu tại Công an xã, phường nơi cháu cư trú, hoặc trên ứng dụng VNeID. " +
          "Cháu dưới 14 tuổi thì cha hoặc mẹ làm thủ tục thay; trẻ từ 6 tuổi trở lên cần đến để thu nhận ảnh và vân tay.",
        by: "cat-pc06.nv2",
        daysAgo: 7,
      },
    ],
  },
  {
    citizen: 5,
    citizenName: "Phạm Thị Thu",
    kind: "proposal",
    topic: "dvctt",
    procedureCode: null,
    procedureName: null,
    question:
      "Bà kiến nghị Trung tâm bố trí thêm người hướng dẫn nộp hồ sơ trực tuyến tại quầy vào buổi sáng thứ Hai, vì người chờ rất đông.",
    agencyCode: "TTPVHCC",
    createdBy: "ttpvhcc.nv1",
    createdDaysAgo: 14,
    steps: [
      { type: "assign", to: "ttpvhcc.nv2", by: "ttpvhcc.giamsat", daysAgo: 14 },
      {
        type: "answer",
        answer:
          "Trung tâm cảm ơn kiến nghị của bà. Từ tuần này, sáng thứ Hai có thêm hai cán bộ hướng dẫn nộp hồ sơ trực tuyến tại khu vực chờ.",
        by: "ttpvhcc.nv2",
        daysAgo: 8,
      },
      { type: "close", by: "ttpvhcc.nv2", daysAgo: 5, survey: { satisfaction: 1, resolved: 1 } },
    ],
  },
  {
    citizen: 6,
    citizenName: "Huỳnh Văn Lợi",
    kind: "question",
    topic: null,
    procedureCode: null,
    procedureName: null,
    question:
      "Ông hỏi hồ sơ xin chứng thực bản sao hợp đồng mua bán nhà nộp qua bưu điện có được không, lệ phí bao nhiêu; đã hẹn trả lời nhưng chưa thấy.",
    agencyCode: "STP",
    createdBy: "stp.nv2",
    createdDaysAgo: 20,
    steps: [{ type: "assign", to: "stp.nv2", by: "stp.giamsat", daysAgo: 19 }],
  },
  {
    citizen: 7,
    citizenName: "Võ Thị Ngọc",
    kind: "feedback",
    topic: null,
    procedureCode: null,
    procedureName: null,
    question:
      "Bà phản ánh giấy chứng nhận quyền sử dụng đất mới cấp ghi sai diện tích thửa đất so với bản đo đạc, đề nghị kiểm tra và đính chính.",
    agencyCode: "TTPVHCC-TD",
    createdBy: "ttpvhcc-td.nv1",
    createdDaysAgo: 5,
    steps: [
      {
        type: "transfer",
        toAgency: "VPDKDD",
        reason: "Việc đính chính giấy chứng nhận thuộc thẩm quyền Văn phòng Đăng ký đất đai.",
        by: "ttpvhcc-td.nv1",
        daysAgo: 5,
      },
      { type: "assign", to: "vpdkdd.nv2", by: "vpdkdd.giamsat", daysAgo: 4 },
    ],
  },
];
