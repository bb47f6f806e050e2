// The `scope` query parameter of the lists of relations, quotes and follow-ups (domain/list-scope.ts).
import { Type } from "typebox";
import { LIST_SCOPES } from "../../domain/list-scope.js";

export const ListScopeParam = Type.Optional(
  Type.Enum(LIST_SCOPES, { description: "mine: your own; team: yours and your team's reps' (sharing your rayons; all reps for a manager without rayons); all (default): everyone's" }),
);
