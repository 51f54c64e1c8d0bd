// Deterministic demo staff names, so re-running the seed finds the same users.
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Rơ Châm", "Ksor", "Siu"];
const MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hữu", "Thu", "Quốc"];
const GIVEN = [
  "An",
  "Bình",
  "Chi",
  "Dũng",
  "Giang",
  "Hà",
  "Hải",
  "Hòa",
  "Hùng",
  "Lan",
  "Linh",
  "Long",
  "Mai",
  "Nam",
  "Phương",
  "Quân",
  "Sơn",
  "Tâm",
  "Thảo",
  "Trang",
  "Tuấn",
  "Vy",
  "H'Hen",
  "Blơi",
];

export function demoName(seed: number): string {
  const pick = <T>(list: readonly T[], n: number) => list[n % list.length] as T;
  return `${pick(FAMILY, seed * 7 + 3)} ${pick(MIDDLE, seed * 5 + 1)} ${pick(GIVEN, seed * 11 + 2)}`;
}

/** A valid-looking MobiFone number per demo staff member (090 + 7 digits), unique by seed. */
export function demoPhone(seed: number): string {
  return `+8490${String(1_000_000 + seed * 7919)
    .padStart(7, "0")
    .slice(-7)}`;
}

/**
 * A demo citizen's number for demo cases: 0900 000 1NN, apart from the staff numbers (090 1xx xxxx)
 * and every citizen test number, so demo rows are easy to tell and to find.
 */
export function demoCitizenPhone(seed: number): string {
  return `+84900000${String(100 + (seed % 900)).padStart(3, "0")}`;
}
