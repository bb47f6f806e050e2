// The sales benchmark measures the server as it runs in production (`npm start`: built JavaScript on
// plain node), not under tsx: tsx adds a loader thread to every worker thread (memory) and, in
// worker threads, imports each handler module anew through tsImport (hundreds of milliseconds a
// report). So src/ and bench/lib/ (the server script and what it imports) are transpiled once into a temporary folder
// (esbuild, type-stripping only, the same module layout as `npm run build:server`) beside links to
// node_modules and resources/.
import { mkdirSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { build } from "esbuild";
import { PROJECT_ROOT } from "../../src/server/paths.js";

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (relative(PROJECT_ROOT, path) !== join("src", "web")) out.push(...sources(path));
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") && !entry.name.endsWith(".d.ts")) out.push(path);
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
    sourcemap: false,
    logLevel: "error",
  });
  symlinkSync(join(PROJECT_ROOT, "node_modules"), join(dir, "node_modules"));
  symlinkSync(join(PROJECT_ROOT, "resources"), join(dir, "resources"));
  // ES modules: the folder's package.json says so (as the project's does).
  symlinkSync(join(PROJECT_ROOT, "package.json"), join(dir, "package.json"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
