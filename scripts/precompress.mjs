// After `vite build`: a Brotli (.br) and a gzip (.gz) copy beside every text file of dist/web, so
// the server sends compressed files without compressing on each request (@fastify/static,
// preCompressed). Node's own zlib; best compression, since this runs once per build.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const ROOT = new URL("../dist/web/", import.meta.url).pathname;
const TEXT = /\.(js|css|html|svg|json|txt|map)$/;
/** Smaller files gain too little for the extra request work (bytes). */
const MIN_BYTES = 1024;

let files = 0;
let before = 0;
let after = 0;
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (TEXT.test(entry.name) && statSync(path).size >= MIN_BYTES) {
      const body = readFileSync(path);
      const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
      writeFileSync(`${path}.br`, br);
      writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
      files += 1;
      before += body.length;
      after += br.length;
    }
  }
};
walk(ROOT);
console.log(`precompressed ${files} files: ${(before / 1024).toFixed(0)} kB → ${(after / 1024).toFixed(0)} kB with Brotli`);
