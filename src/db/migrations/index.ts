// Every migration, in order. Listed by hand (not read from a folder) so that the same list works
// from src/ under tsx and from dist/ after a build.
import type { Migration } from "kysely";
import * as core from "./0001_core.js";

export const migrations: Record<string, Migration> = {
  "0001_core": core,
};
