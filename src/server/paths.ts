import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root: this file sits in src/server (tsx) or dist/server (built). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
