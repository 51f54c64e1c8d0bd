// The only file-system code of the IVR: reads the flow files of a folder for validateBundle.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { FlowFile } from "./validate.js";

/** Every *.yaml / *.yml file of `dir`, sorted by name; `file` is the name within the folder. */
export async function loadFlowFiles(dir: string): Promise<FlowFile[]> {
  const names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return Promise.all(names.map(async (file) => ({ file, text: await readFile(join(dir, file), "utf8") })));
}
