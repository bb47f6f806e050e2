// Wiring: one Fastify instance with schemas, problem+json errors, authentication, the feature routes
// and the built web app. Everything it needs comes in through the context.
import { existsSync } from "node:fs";
import { join } from "node:path";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import Fastify from "fastify";
import { activityRoutes } from "../features/activities/activity.routes.js";
import { appointmentRoutes } from "../features/appointments/appointment.routes.js";
import { calendarFeedRoutes } from "../features/appointments/calendar-feed.routes.js";
import { preparationRoutes } from "../features/preparation/preparation.routes.js";
import { templateRoutes } from "../features/preparation/template.routes.js";
import { companyRoutes } from "../features/company/company.routes.js";
import { consentRoutes } from "../features/consent/consent.routes.js";
import { offlineRoutes } from "../features/offline/offline.routes.js";
import { followUpRoutes } from "../features/followups/follow-up.routes.js";
import { gdprRoutes } from "../features/gdpr/gdpr.routes.js";
import { healthRoutes } from "../features/health/health.routes.js";
import { dataExchangeRoutes } from "../features/imports/data-routes.js";
import { nearbyRoutes } from "../features/nearby/nearby.routes.js";
import { territoryRoutes } from "../features/territories/territory.routes.js";
import { planningRoutes } from "../features/planning/planning.routes.js";
import { mapRoutes } from "../features/map/map.routes.js";
import { personRoutes } from "../features/persons/person.routes.js";
import { referenceRoutes } from "../features/reference/reference.routes.js";
import { reportRoutes } from "../features/reports/report.routes.js";
import { relationRoutes } from "../features/relations/relation.routes.js";
import { sessionRoutes } from "../features/auth/session.routes.js";
import { userRoutes } from "../features/users/user.routes.js";
import { userAdminRoutes } from "../features/users/user-admin.routes.js";
import { passwordResetRoutes } from "../features/users/password-reset.routes.js";
import { accountRoutes } from "../features/auth/account.routes.js";
import { totpRoutes } from "../features/users/totp.routes.js";
import { productRoutes } from "../features/products/product.routes.js";
import { quoteRoutes } from "../features/quotes/quote.routes.js";
import { forecastRoutes } from "../features/forecast/forecast.routes.js";
import { jobRoutes } from "../features/jobs/job.routes.js";
import { mailIntakeRoutes } from "../features/mail-intake/mail-intake.routes.js";
import { type MailReceiver, startMailReceiver } from "../features/mail-intake/mail-receiver.js";
import { salesImportRoutes } from "../features/sales/sales-import.routes.js";
import { salesReportRoutes } from "../features/sales/sales-report.routes.js";
import { salesAnalysisRoutes } from "../features/sales/sales-analysis.routes.js";
import { scheduleSalesDaily } from "../features/sales/sales-schedule.js";
import { newsRoutes } from "../features/news/news.routes.js";
import { customerLinkRoutes } from "../features/customer-links/customer-link.routes.js";
import { scheduleNewsFetch } from "../features/news/news-schedule.js";
import { scheduleMailImap } from "../features/mail-intake/mail-imap-schedule.js";
import { JobRunner, type JobKinds } from "../features/jobs/job-runner.js";
import type { App, AppContext, BaseContext } from "./context.js";
import { JOB_KINDS } from "./job-kinds.js";
import { MAX_SALES_UPLOAD_BYTES } from "./uploads.js";
import { authPlugin } from "./plugins/auth.js";
import { registerProblemHandlers } from "./plugins/problems.js";
import { registerCleanInput } from "./plugins/clean-input.js";
import { PROJECT_ROOT } from "./paths.js";

const WEB_ROOT = join(PROJECT_ROOT, "dist", "web");

// Unknown fields are an error (not silently dropped) and every problem is reported at once. JSON
// bodies keep their types (12 is not a name); query strings and params are text and get coerced.
const AJV_OPTIONS = { removeAdditional: false, allErrors: true, useDefaults: true, strict: false } as const;
const BODY_AJV = addFormats.default(new Ajv.default({ ...AJV_OPTIONS, coerceTypes: false }));
const TEXT_AJV = addFormats.default(new Ajv.default({ ...AJV_OPTIONS, coerceTypes: "array" }));


export interface RegisteredRoute {
  method: string;
  url: string;
  tags: readonly string[];
  public: boolean;
  /** Takes an upload (multipart/form-data). */
  multipart: boolean;
  /** The names of its query-string parameters, from its schema (the bad-input corpus fills each). */
  query: readonly string[];
  /** It takes a JSON body (a body schema that is not an upload). */
  jsonBody: boolean;
}

const ROUTES = new WeakMap<object, RegisteredRoute[]>();
const RECEIVERS = new WeakMap<object, MailReceiver>();

/** The SMTP receiver of logging addresses this app runs (null when KOERS_MAIL_LOG_PORT is unset). */
export function mailReceiverOf(app: object): MailReceiver | null {
  return RECEIVERS.get(app) ?? null;
}

/** Every route the app registered (method, path, OpenAPI tags): the access matrix is generated from it. */
export function registeredRoutes(app: object): readonly RegisteredRoute[] {
  return ROUTES.get(app) ?? [];
}

export interface BuildOptions {
  logger?: boolean;
  /** The job kinds this instance runs (default: every kind Koers has; tests add their own). */
  jobKinds?: JobKinds;
  /** Start the job runner (default true); a test may drive it by hand. */
  runJobs?: boolean;
  /** Queue the daily work (period totals, former customers) once a day (default true; tests: off). */
  schedule?: boolean;
}

/**
 * The app on `base`: a job runner is made for it (and stopped when the app closes) unless the caller
 * hands one in.
 */
export async function buildApp(base: BaseContext & { jobs?: JobRunner }, options: BuildOptions = {}): Promise<App> {
  const jobs = base.jobs ?? new JobRunner(base, { kinds: options.jobKinds ?? JOB_KINDS, threads: base.config.jobThreads });
  const ctx: AppContext = { ...base, jobs };
  const app = Fastify({
    logger: options.logger ? { level: ctx.config.logLevel } : false,
    bodyLimit: 1024 * 1024,
    // Forwarded headers only from the configured proxies (none by default).
    trustProxy: base.config.trustProxy.length > 0 ? [...base.config.trustProxy] : false,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === "body" ? BODY_AJV : TEXT_AJV).compile(schema));

  const routes: RegisteredRoute[] = [];
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const schema = route.schema as { tags?: string[]; consumes?: string[]; querystring?: { properties?: object }; body?: unknown } | undefined;
    const multipart = schema?.consumes?.includes("multipart/form-data") === true;
    const query = Object.keys(schema?.querystring?.properties ?? {});
    const jsonBody = !multipart && schema?.body !== undefined;
    for (const method of methods) routes.push({ method, url: route.url, tags: schema?.tags ?? [], public: route.config?.public === true, multipart, query, jsonBody });
  });
  ROUTES.set(app, routes);
  const hasWeb = existsSync(join(WEB_ROOT, "index.html"));
  registerProblemHandlers(app, { spaFallback: hasWeb });
  registerCleanInput(app);
  await app.register(cookie);
  // Each upload route sets its own file limit (server/uploads.ts); this is the ceiling.
  await app.register(multipart, { limits: { fileSize: MAX_SALES_UPLOAD_BYTES, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Koers API",
        version: "0.1.0",
        description:
          "The HTTP API of Koers. Log in with POST /api/session (cookie session; send the returned csrfToken as X-CSRF-Token on writes) or send Authorization: Bearer <token> (create one with `koers token create`). Errors are RFC 9457 problem+json.",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: "koers_session" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  // staticCSP: the docs page gets a Content-Security-Policy with hashes of its own scripts.
  await app.register(swaggerUi, { routePrefix: "/api/docs", uiConfig: { docExpansion: "list" }, staticCSP: true });
  app.get("/api/openapi.json", { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  app.addHook("onSend", async (request, reply) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "same-origin");
    if (!request.url.startsWith("/api/docs")) {
      reply.header("x-frame-options", "DENY");
      // Mantine sets inline styles; scripts come only from our own origin.
      reply.header("content-security-policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
    }
  });

  let stopSchedule = () => {};
  app.addHook("onClose", async () => {
    stopSchedule();
    await RECEIVERS.get(app)?.close();
    await jobs.stop();
  });
  await app.register(authPlugin, { ctx });
  await app.register(healthRoutes, { ctx });
  await app.register(sessionRoutes, { ctx });
  await app.register(userRoutes, { ctx });
  await app.register(userAdminRoutes, { ctx });
  await app.register(passwordResetRoutes, { ctx });
  await app.register(accountRoutes, { ctx });
  await app.register(totpRoutes, { ctx });
  await app.register(referenceRoutes, { ctx });
  await app.register(territoryRoutes, { ctx });
  await app.register(planningRoutes, { ctx });
  await app.register(mapRoutes, { ctx });
  await app.register(relationRoutes, { ctx });
  await app.register(personRoutes, { ctx });
  await app.register(dataExchangeRoutes, { ctx });
  await app.register(productRoutes, { ctx });
  await app.register(quoteRoutes, { ctx });
  await app.register(forecastRoutes, { ctx });
  await app.register(activityRoutes, { ctx });
  await app.register(appointmentRoutes, { ctx });
  await app.register(calendarFeedRoutes, { ctx });
  await app.register(preparationRoutes, { ctx });
  await app.register(templateRoutes, { ctx });
  await app.register(followUpRoutes, { ctx });
  await app.register(offlineRoutes, { ctx });
  await app.register(consentRoutes, { ctx });
  await app.register(gdprRoutes, { ctx });
  await app.register(nearbyRoutes, { ctx });
  await app.register(reportRoutes, { ctx });
  await app.register(jobRoutes, { ctx });
  await app.register(salesImportRoutes, { ctx });
  await app.register(salesReportRoutes, { ctx });
  await app.register(salesAnalysisRoutes, { ctx });
  await app.register(companyRoutes, { ctx });
  await app.register(mailIntakeRoutes, { ctx });
  await app.register(newsRoutes, { ctx });
  await app.register(customerLinkRoutes, { ctx });

  // wildcard: files are looked up per request (a rebuilt web app is served without a restart); a
  // miss falls through to the not-found handler, which serves the app shell for client routes.
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: WEB_ROOT,
      wildcard: true,
      // dist/web holds .br and .gz copies (scripts/precompress.mjs): sent to browsers that take them.
      preCompressed: true,
      cacheControl: false,
      // Hashed files never change under their name: cached for a year. The shell is checked each time,
      // so a new release is seen at the next load.
      setHeaders: (reply, path) => {
        reply.header("cache-control", path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });
  }

  await app.ready();
  // Off unless configured; it only stores what it takes and queues a mail.intake job per mail.
  if (ctx.config.mailLog?.receiver) RECEIVERS.set(app, await startMailReceiver(ctx, ctx.config.mailLog));
  if (options.runJobs !== false) jobs.start();
  if (options.schedule !== false) {
    const stopSales = scheduleSalesDaily(ctx);
    const stopNews = scheduleNewsFetch(ctx);
    const stopImap = scheduleMailImap(ctx);
    stopSchedule = () => {
      stopSales();
      stopNews();
      stopImap();
    };
  }
  return app;
}
