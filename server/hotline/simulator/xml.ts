// A tiny XML reader for TwiML (the call simulator and tests): elements, attributes, text and the five predefined
// entities. Enough to assert verbs, attributes and nesting without matching raw XML text.
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function parseXml(xml: string): XmlElement {
  let pos = 0;
  const peek = (s: string) => xml.startsWith(s, pos);
  const expect = (s: string) => {
    if (!peek(s)) throw new Error(`expected ${s} at ${pos}`);
    pos += s.length;
  };
  const skipSpace = () => {
    while (pos < xml.length && " \t\r\n".includes(xml.charAt(pos))) pos++;
  };
  const until = (stop: string) => {
    const end = xml.indexOf(stop, pos);
    if (end < 0) throw new Error(`unterminated, expected ${stop}`);
    const out = xml.slice(pos, end);
    pos = end;
    return out;
  };
  const decode = (s: string) => {
    let out = "";
    for (let i = 0; i < s.length; i++) {
      if (s.charAt(i) !== "&") {
        out += s.charAt(i);
        continue;
      }
      const end = s.indexOf(";", i);
      const value = ENTITIES[s.slice(i + 1, end)];
      if (end < 0 || value === undefined) throw new Error(`unknown entity at ${i}`);
      out += value;
      i = end;
    }
    return out;
  };
  const name = () => {
    const start = pos;
    while (pos < xml.length && !" \t\r\n/>=".includes(xml.charAt(pos))) pos++;
    return xml.slice(start, pos);
  };
  const element = (): XmlElement => {
    expect("<");
    const el: XmlElement = { name: name(), attributes: {}, children: [], text: "" };
    for (;;) {
      skipSpace();
      if (peek("/>")) {
        pos += 2;
        return el;
      }
      if (peek(">")) {
        pos += 1;
        break;
      }
      const key = name();
      expect('="');
      el.attributes[key] = decode(until('"'));
      expect('"');
    }
    for (;;) {
      if (peek("</")) {
        pos += 2;
        expect(el.name);
        expect(">");
        return el;
      }
      if (peek("<")) el.children.push(element());
      else el.text += decode(until("<"));
    }
  };
  skipSpace();
  if (peek("<?xml")) {
    until("?>");
    pos += 2;
  }
  skipSpace();
  const root = element();
  skipSpace();
  if (pos !== xml.length) throw new Error(`trailing content at ${pos}`);
  return root;
}

/** Names of an element's children, in order. */
export function verbs(el: XmlElement): string[] {
  return el.children.map((child) => child.name);
}
