// The console and the server share one contract (server/contract/): the console imports nothing else
// of the server's, brings in only plain data at run time (type imports vanish from the bundle; a value
// import must not pull a schema library into it), and declares no copy of a contract type.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

export interface ConsoleViolation {
  file: string;
  rule: "outside-contract" | "bundles-package" | "copy";
  detail: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

const parse = (file: string) => ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);

/** The file an import names, as TypeScript would find it (".js" written, ".ts" on disk). */
function resolveImport(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ""));
  return [".ts", ".tsx", "/index.ts"].map((ext) => base + ext).find(existsSync) ?? base;
}

interface ImportEdge {
  target: string;
  specifier: string;
  /** Only types: the bundler drops it. */
  typeOnly: boolean;
}

function importsOf(file: string): ImportEdge[] {
  return parse(file).statements.flatMap((statement) => {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) return [];
    const specifier = statement.moduleSpecifier;
    if (!specifier || !ts.isStringLiteral(specifier)) return [];
    const clause = ts.isImportDeclaration(statement) ? statement.importClause : undefined;
    const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
    const typeOnly = ts.isImportDeclaration(statement)
      ? Boolean(clause?.isTypeOnly || (named && named.length > 0 && !clause?.name && named.every((element) => element.isTypeOnly)))
      : statement.isTypeOnly;
    const relativePath = specifier.text.startsWith(".");
    return [{ target: relativePath ? resolveImport(file, specifier.text) : specifier.text, specifier: specifier.text, typeOnly }];
  });
}

/** npm packages a file brings in at run time, through its own imports and those of the files it imports. */
function runtimePackages(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  return importsOf(file)
    .filter((edge) => !edge.typeOnly)
    .flatMap((edge) => (edge.specifier.startsWith(".") ? runtimePackages(edge.target, seen) : [edge.specifier]));
}

const CONSTANT_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * What a file declares at top level that could copy the contract: its types (interfaces and type
 * aliases) and its lists and limits (constants named in capitals). Components may share a type's name.
 */
function declaredNames(file: string, exportedOnly: boolean): string[] {
  return parse(file).statements.flatMap((statement) => {
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exportedOnly && !exported) return [];
    if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) return [statement.name.text];
    if (ts.isVariableStatement(statement)) {
      return statement.declarationList.declarations.flatMap((d) =>
        ts.isIdentifier(d.name) && CONSTANT_NAME.test(d.name.text) ? [d.name.text] : [],
      );
    }
    return [];
  });
}

/**
 * @param consoleRoot the console's sources (admin/src)
 * @param serverRoot the server's sources; its contract/ is what the console may import
 * @param shared files outside the contract the console may import, with why
 */
export function checkConsole(consoleRoot: string, serverRoot: string, shared: Record<string, string> = {}): ConsoleViolation[] {
  const contract = join(serverRoot, "contract");
  const contractNames = new Set(sourceFiles(contract).flatMap((file) => declaredNames(file, true)));
  const name = (path: string, root: string) => relative(root, path).split(sep).join("/");
  const violations: ConsoleViolation[] = [];
  for (const file of sourceFiles(consoleRoot)) {
    const here = name(file, consoleRoot);
    for (const edge of importsOf(file)) {
      if (!edge.specifier.startsWith(".") || !edge.target.startsWith(serverRoot + sep)) continue;
      const target = name(edge.target, serverRoot);
      if (!edge.target.startsWith(contract + sep) && !(target in shared)) {
        violations.push({ file: here, rule: "outside-contract", detail: target });
      } else if (!edge.typeOnly) {
        for (const pkg of new Set(runtimePackages(edge.target)))
          violations.push({ file: here, rule: "bundles-package", detail: `${target} → ${pkg}` });
      }
    }
    for (const declared of declaredNames(file, false)) {
      if (contractNames.has(declared)) violations.push({ file: here, rule: "copy", detail: declared });
    }
  }
  return violations;
}
