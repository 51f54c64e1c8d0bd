// Vietnamese, the default locale: react-admin's messages (vi/ra.ts) plus the console's (vi/app.ts).
import type englishMessages from "ra-language-english";
import type { AppMessages } from "./en";
import { viApp } from "./vi/app";
import { raVi } from "./vi/ra";

const vi: typeof englishMessages & AppMessages = { ra: raVi, ...viApp };

export default vi;
