/** "2026-02-13" → "13/02/2026", as Vietnamese officials write dates. */
export const vietnameseDate = (date: string) => date.split("-").reverse().join("/");
