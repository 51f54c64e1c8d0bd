import englishMessages from "ra-language-english";
import { describe, expect, it } from "vitest";
import { ERROR_REASONS, FLOW_ERROR_REASONS } from "../../../server/contract/error-reasons";
import en, { enApp } from "./en";
import vi from "./vi";
import { viApp } from "./vi/app";

type Tree = { [key: string]: Tree | string | undefined };

/** Every leaf as [dotted key, message]. */
function leaves(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") return [[path, value]];
    return value ? leaves(value, path) : [];
  });
}

const keys = (tree: Tree) =>
  leaves(tree)
    .map(([key]) => key)
    .sort();
const placeholders = (message: string) => [...new Set(message.match(/%\{\w+\}/g) ?? [])].sort();

describe("translations", () => {
  it("Vietnamese and English app messages have exactly the same keys", () => {
    expect(keys(viApp)).toEqual(keys(enApp));
  });

  it("Vietnamese covers every react-admin message", () => {
    const vk = new Set(keys(vi));
    expect(keys(englishMessages).filter((key) => !vk.has(key))).toEqual([]);
  });

  it("every message keeps the English placeholders and is not empty", () => {
    const viByKey = new Map(leaves(vi));
    for (const [key, english] of leaves(en)) {
      const message = viByKey.get(key);
      expect(message, key).toBeDefined();
      expect(placeholders(message ?? ""), key).toEqual(placeholders(english));
      if (key !== "ra.boolean.null") expect(message?.trim(), key).not.toBe("");
    }
  });

  it("translates every reason the server can refuse a value with", () => {
    for (const reason of ERROR_REASONS) {
      expect(vi.tthc.validation, reason).toHaveProperty(reason);
      expect(en.tthc.validation, reason).toHaveProperty(reason);
    }
    for (const reason of FLOW_ERROR_REASONS) {
      expect(vi.tthc.flows, reason).toHaveProperty(reason);
      expect(en.tthc.flows, reason).toHaveProperty(reason);
    }
  });
});
