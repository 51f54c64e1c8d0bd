// Contact lists (/api/contact-lists): named groups of contacts a campaign can address.
import Type from "typebox";
import { DateTime, Nullable, type WireOf } from "../schema.js";

export const ContactList = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Nullable(Type.String()),
  memberCount: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type ContactList = WireOf<typeof ContactList>;
