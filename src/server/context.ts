// What every route and service gets handed: the database, the configuration and the clock.
import type { FastifyInstance, FastifyBaseLogger, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from "fastify";
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { Config } from "../config.js";
import type { Db, Engine } from "../db/kysely.js";
import type { JobRunner } from "../features/jobs/job-runner.js";

export interface BaseContext {
  readonly db: Db;
  readonly engine: Engine;
  readonly config: Config;
  /** The clock, passed in so tests can fix "today". */
  readonly now: () => Date;
}

export interface AppContext extends BaseContext {
  /** The background job queue: routes enqueue heavy work here instead of doing it. */
  readonly jobs: JobRunner;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** A feature's routes: a Fastify plugin that receives the context. */
export type RoutesPlugin = FastifyPluginAsyncTypebox<{ ctx: AppContext }>;
