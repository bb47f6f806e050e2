// The sales benchmark measures the server as it runs in production (`npm start`: built JavaScript on
// plain node), not under tsx: tsx adds a loader thread to every worker thread (memory) and, in
// worker threads, imports each handler module anew through tsImport (hundreds of milliseconds a
// report). So src/ and bench/lib/ (the server script and what it imports) are transpiled once into a temporary folder
// (esbuild, type-stripping only, the same module layout as `npm run build:server`) beside links to
// node_modules and resources/.
import { copyFileSync, mkdirSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { build } from "esbuild";
import { PROJECT_ROOT } from "../../src/server/paths.js";

function sources(dir: string, wanted: (name: string) => boolean = (n) => n.endsWith(".ts") && !n.endsWith(".test.ts") && !n.endsWith(".d.ts")): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (relative(PROJECT_ROOT, path) !== join("src", "web")) out.push(...sources(path, wanted));
    } else if (wanted(entry.name)) out.push(path);
  }
  return out;
}

/** Transpiles src/ and bench/lib/ (the server scripts and what they import); returns the build folder. */
export async function buildForBench(): Promise<{ dir: string; remove: () => void }> {
  const dir = join(tmpdir(), `koers-sales-bench-build-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [...sources(join(PROJECT_ROOT, "src")), ...sources(join(PROJECT_ROOT, "bench", "lib"))],
    outbase: PROJECT_ROOT,
    outdir: dir,
    format: "esm",
    platform: "node",
    target: "node20",
    // Keep `with { type: "json" }` (Node 20.10 and later read it; without it a JSON import fails).
    supported: { "import-attributes": true },
    sourcemap: false,
    logLevel: "error",
  });
  // JSON the modules import (the label catalogue) sits beside them, as in dist/.
  for (const file of sources(join(PROJECT_ROOT, "src"), (n) => n.endsWith(".json"))) copyFileSync(file, join(dir, relative(PROJECT_ROOT, file)));
  symlinkSync(join(PROJECT_ROOT, "node_modules"), join(dir, "node_modules"));
  symlinkSync(join(PROJECT_ROOT, "resources"), join(dir, "resources"));
  // ES modules: the folder's package.json says so (as the project's does).
  symlinkSync(join(PROJECT_ROOT, "package.json"), join(dir, "package.json"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
