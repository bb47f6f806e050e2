// HTTP shape of a background job: its state and progress, and its result or problem when it ended.
import { type Static, Type } from "typebox";
import { literals, Nullable } from "../../server/schema-helpers.js";
import { JOB_STATES } from "./job.table.js";

export const JobDto = Type.Object({
  id: Type.Integer(),
  kind: Type.String({ description: "What the job does: import.sales, sales.rebuild, forecast.asOf …" }),
  state: literals(JOB_STATES),
  progress: Type.Object({
    done: Type.Integer(),
    total: Nullable(Type.Integer()),
    note: Nullable(Type.String()),
  }),
  attempts: Type.Integer({ description: "More than 1 after the job was resumed following a crash" }),
  result: Type.Unknown({ description: "The job's result (its shape depends on the kind); null until it succeeded" }),
  error: Nullable(
    Type.Object({ code: Type.String(), message: Type.String(), fields: Type.Optional(Type.Array(Type.Unknown())) }, { description: "Why the job failed" }),
  ),
  cancelRequested: Type.Boolean(),
  createdAt: Type.String(),
  startedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
});
export type JobDtoType = Static<typeof JobDto>;
