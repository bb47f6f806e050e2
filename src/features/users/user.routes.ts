import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { listUsers } from "./user.service.js";

export const userRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/users",
    {
      schema: {
        tags: ["users"],
        summary: "Active users (for owner pickers and filters)",
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), email: Type.String(), role: Type.String() })),
          }),
        },
      },
    },
    async () => ({ items: await listUsers(ctx.db) }),
  );
};
