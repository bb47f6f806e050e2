import { Type } from "typebox";
import { sql } from "kysely";
import type { RoutesPlugin } from "../../server/context.js";
import { AppError } from "../../server/errors.js";

export const healthRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/health",
    {
      config: { public: true },
      schema: {
        tags: ["system"],
        summary: "Liveness and database check",
        response: { 200: Type.Object({ status: Type.Literal("ok"), engine: Type.String(), time: Type.String() }) },
      },
    },
    async () => {
      try {
        await sql`select 1`.execute(ctx.db);
      } catch (error) {
        throw new AppError("unavailable", `database unreachable: ${(error as Error).message}`);
      }
      return { status: "ok" as const, engine: ctx.engine, time: ctx.now().toISOString() };
    },
  );
};
