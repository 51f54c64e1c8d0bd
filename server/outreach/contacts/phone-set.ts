// Which mobile numbers a file has already had, for "duplicate_in_file" over a million rows without a
// Set of strings (tens of megabytes): a Vietnamese mobile's national number has 9 digits and fits a
// 32-bit integer, so an open-addressing hash over a Uint32Array costs 8 bytes per distinct number.
export class PhoneSet {
  private slots = new Uint32Array(1 << 16);
  private count = 0;

  /** Adds "+84912345678"; returns false when it was already there. */
  add(e164: string): boolean {
    const key = Number(e164.slice(3));
    // Only +84 and 9 digits are ever added (import rows are mobiles); 0 marks an empty slot.
    if (!Number.isInteger(key) || key <= 0 || key > 0xffffffff) throw new RangeError("not a Vietnamese mobile number");
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    return this.insert(this.slots, key);
  }

  get size(): number {
    return this.count;
  }

  private insert(slots: Uint32Array, key: number): boolean {
    const mask = slots.length - 1;
    let i = Math.imul(key, 0x9e3779b1) >>> 0;
    for (;;) {
      i &= mask;
      const slot = slots[i];
      if (slot === 0) {
        slots[i] = key;
        if (slots === this.slots) this.count++;
        return true;
      }
      if (slot === key) return false;
      i++;
    }
  }

  private grow(): void {
    const old = this.slots;
    const next = new Uint32Array(old.length * 2);
    for (const key of old) if (key !== 0) this.insert(next, key);
    this.slots = next;
  }
}
