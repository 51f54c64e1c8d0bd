// Demo articles of the knowledge base: answers written to be read aloud over the phone, each about
// one procedure of the national catalogue (codes as the catalogue writes them; check them against
// dichvucong.gov.vn before real use), owned by the agency that keeps it right.
export interface SeedArticle {
  title: string;
  answer: string;
  topic: string;
  procedureCode: string | null;
  procedureName: string | null;
  agencyCode: string;
  links: { label: string; url: string }[];
  /** Months from the seed's day until the article should be reviewed. */
  reviewInMonths: number;
}

const DVC = { label: "Cổng Dịch vụ công quốc gia", url: "https://dichvucong.gov.vn" };

export const SEED_ARTICLES: SeedArticle[] = [
  {
    title: "Đăng ký khai sinh cho trẻ em",
    answer:
      "Dạ, để đăng ký khai sinh cho cháu, ông bà nộp tờ khai đăng ký khai sinh và giấy chứng sinh do bệnh viện cấp. " +
      "Ông bà nộp tại Ủy ban nhân dân xã, phường nơi cư trú của cha hoặc mẹ, hoặc nộp trực tuyến trên Cổng Dịch vụ công. " +
      "Thời hạn đăng ký là sáu mươi ngày kể từ ngày sinh. Đăng ký đúng hạn thì không mất lệ phí. " +
      "Ông bà mang theo căn cước của người đi đăng ký để đối chiếu. Giấy khai sinh được trả ngay trong ngày nếu hồ sơ đầy đủ.",
    topic: "ho_tich",
    procedureCode: "1.001193",
    procedureName: "Thủ tục đăng ký khai sinh",
    agencyCode: "STP-HTQT",
    links: [DVC],
    reviewInMonths: 12,
  },
  {
    title: "Đăng ký kết hôn",
    answer:
      "Dạ, hai bên nam nữ cùng có mặt tại Ủy ban nhân dân xã, phường nơi cư trú của một trong hai người. " +
      "Ông bà mang tờ khai đăng ký kết hôn và căn cước của hai người. Nếu một bên đã từng kết hôn thì mang thêm giấy tờ chứng minh đã ly hôn. " +
      "Hồ sơ đầy đủ thì được cấp giấy chứng nhận kết hôn ngay trong ngày, không mất lệ phí.",
    topic: "ho_tich",
    procedureCode: "1.000894",
    procedureName: "Thủ tục đăng ký kết hôn",
    agencyCode: "STP-HTQT",
    links: [DVC],
    reviewInMonths: 12,
  },
  {
    title: "Cấp lại thẻ căn cước khi bị mất",
    answer:
      "Dạ, khi mất thẻ căn cước, ông bà đến bộ phận một cửa của công an cấp xã hoặc công an tỉnh để làm thủ tục cấp lại. " +
      "Ông bà không cần mang giấy tờ gì thêm, cán bộ sẽ thu nhận ảnh, vân tay và mống mắt. " +
      "Ông bà cũng có thể nộp trực tuyến trên ứng dụng VNeID hoặc Cổng Dịch vụ công. " +
      "Lệ phí cấp lại là bảy mươi nghìn đồng; thẻ được trả trong khoảng bảy ngày làm việc.",
    topic: "cu_tru",
    procedureCode: "2.001255",
    procedureName: "Cấp lại thẻ căn cước",
    agencyCode: "CAT-PC06",
    links: [DVC, { label: "Ứng dụng VNeID", url: "https://vneid.gov.vn" }],
    reviewInMonths: 6,
  },
  {
    title: "Đăng ký tài khoản định danh điện tử VNeID mức 2",
    answer:
      "Dạ, tài khoản định danh điện tử mức hai dùng để đăng nhập Cổng Dịch vụ công và làm thủ tục trực tuyến. " +
      "Ông bà mang thẻ căn cước gắn chip và điện thoại có số thuê bao chính chủ đến công an cấp xã để đăng ký. " +
      "Cán bộ sẽ chụp ảnh và thu vân tay. Sau khi được kích hoạt, ông bà tải ứng dụng VNeID, đăng nhập bằng số định danh cá nhân và mật khẩu vừa tạo. " +
      "Việc đăng ký không mất phí.",
    topic: "dvctt",
    procedureCode: "1.011976",
    procedureName: "Cấp tài khoản định danh điện tử mức độ 2 đối với công dân Việt Nam",
    agencyCode: "CAT-PC06",
    links: [{ label: "Ứng dụng VNeID", url: "https://vneid.gov.vn" }],
    reviewInMonths: 6,
  },
  {
    title: "Quên mật khẩu tài khoản dịch vụ công",
    answer:
      "Dạ, Cổng Dịch vụ công quốc gia đăng nhập bằng tài khoản VNeID. " +
      "Nếu quên mật khẩu, ông bà mở ứng dụng VNeID, chọn Quên mật khẩu, nhập số định danh cá nhân và số điện thoại đã đăng ký, rồi nhập mã xác nhận được gửi bằng tin nhắn. " +
      "Nếu đổi số điện thoại, ông bà đến công an cấp xã để được hỗ trợ cập nhật.",
    topic: "dvctt",
    procedureCode: null,
    procedureName: null,
    agencyCode: "TTPVHCC",
    links: [DVC],
    reviewInMonths: 6,
  },
  {
    title: "Đăng ký thường trú",
    answer:
      "Dạ, ông bà nộp tờ khai thay đổi thông tin cư trú và giấy tờ chứng minh chỗ ở hợp pháp, ví dụ giấy chứng nhận quyền sử dụng đất hoặc hợp đồng thuê nhà. " +
      "Nếu ở nhờ nhà người thân thì cần ý kiến đồng ý của chủ hộ. " +
      "Hồ sơ nộp tại công an cấp xã nơi ông bà đến ở, hoặc nộp trên ứng dụng VNeID. Thời hạn giải quyết là bảy ngày làm việc.",
    topic: "cu_tru",
    procedureCode: "1.004194",
    procedureName: "Đăng ký thường trú",
    agencyCode: "CAT-PC06",
    links: [DVC],
    reviewInMonths: 12,
  },
];
