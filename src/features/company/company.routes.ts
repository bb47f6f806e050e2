// /api/company-settings: the company's own details on every quote letter. Everyone who works in
// Koers reads them; administrators (users.manage) change them, with If-Match on the record.
import type { RoutesPlugin } from "../../server/context.js";
import { AppError, fieldProblem, notFound } from "../../server/errors.js";
import { expectedVersion, sendWithEtag } from "../../server/http.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { uploadedFile } from "../../server/uploads.js";
import { CompanySettings, CompanySettingsPatch } from "./company.schemas.js";
import { getCompanySettings, getLogo, removeLogo, setLogo, updateCompanySettings } from "./company.service.js";
import { MAX_LOGO_BYTES, sniffLogo } from "./logo-image.js";

const TAG = "company";

export const companyRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/company-settings",
    { schema: { tags: [TAG], summary: "The company's name, addresses, registration numbers, bank account, terms and VAT rates", response: { 200: CompanySettings } } },
    async (request, reply) => {
      requirePermission(request, "crm.read");
      return sendWithEtag(reply, await getCompanySettings(ctx.db));
    },
  );

  app.patch(
    "/api/company-settings",
    {
      schema: {
        tags: [TAG],
        summary: 'Change the company settings (administrators); send If-Match: "<version>" (412 when someone else saved first)',
        body: CompanySettingsPatch,
        response: { 200: CompanySettings },
      },
    },
    async (request, reply) => {
      const user = requirePermission(request, "users.manage");
      const version = expectedVersion(request);
      return sendWithEtag(reply, await updateCompanySettings(ctx.db, user, version, request.body, ctx.now()));
    },
  );

  app.put(
    "/api/company-settings/logo",
    {
      schema: {
        tags: [TAG],
        summary: "Set the logo (multipart/form-data, field 'file'; PNG or JPEG, at most 1 MB; administrators)",
        consumes: ["multipart/form-data"],
        response: { 200: CompanySettings },
      },
    },
    async (request, reply) => {
      const user = requirePermission(request, "users.manage");
      let buffer: Buffer;
      try {
        ({ buffer } = await uploadedFile(request, MAX_LOGO_BYTES));
      } catch (error) {
        // Too large is a problem with this field, so the form can say it beside the logo.
        if (error instanceof AppError && error.code === "payload_too_large") {
          throw new AppError("payload_too_large", "The logo may be at most 1 MB", [fieldProblem("logo", "logo_too_large")]);
        }
        throw error;
      }
      const contentType = sniffLogo(buffer);
      if (!contentType) {
        throw new AppError("unsupported_media_type", "The logo must be a PNG or JPEG image", [fieldProblem("logo", "logo_type_invalid")]);
      }
      return sendWithEtag(reply, await setLogo(ctx.db, user, { contentType, data: buffer }, ctx.now()));
    },
  );

  app.delete(
    "/api/company-settings/logo",
    { schema: { tags: [TAG], summary: "Remove the logo (administrators)", response: { 200: CompanySettings } } },
    async (request, reply) => {
      const user = requirePermission(request, "users.manage");
      return sendWithEtag(reply, await removeLogo(ctx.db, user, ctx.now()));
    },
  );

  app.get("/api/company-settings/logo", { schema: { tags: [TAG], summary: "The logo image (PNG or JPEG)" } }, async (request, reply) => {
    requirePermission(request, "crm.read");
    const logo = await getLogo(ctx.db);
    if (!logo) throw notFound("The logo");
    reply.header("content-type", logo.contentType);
    reply.header("cache-control", "private, max-age=3600");
    return reply.send(logo.data);
  });
};
