/** A demo caller (a VinaPhone-format number no one owns in the seed) and the hotline's landline. */
export const DEMO_CALLER = "0912 000 111";
export const DEMO_HOTLINE = "+842563822478";
