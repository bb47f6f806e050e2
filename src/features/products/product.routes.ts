import { queueFileImport } from "../imports/file-import.js";
import { JobDto } from "../jobs/job.schemas.js";
import { toJobDto } from "../jobs/job.service.js";
import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { versionedPatch } from "../../server/versioned-patch.js";
import { sendWithEtag } from "../../server/http.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { IdParams, Nullable } from "../../server/schema-helpers.js";
import { AuditTrail } from "../audit/audit.schemas.js";
import { namedAuditLines } from "../audit/audit-names.js";
import { auditOfEntity } from "../audit/audit.service.js";
import { getProductArguments, replaceProductArguments } from "./product-arguments.js";
import {
  ProductArguments,
  ProductCreate,
  ProductDetail,
  ProductGroup,
  ProductGroupCreate,
  ProductListQuery,
  ProductPatch,
} from "./product.schemas.js";
import { createProduct, createProductGroup, getProduct, listProductGroups, listProductsPage, updateProduct } from "./product.service.js";

export const productRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/products",
    {
      schema: {
        tags: ["products"],
        summary: "List products with word-prefix search on code and name, filters and keyset paging",
        querystring: ProductListQuery,
        response: { 200: Type.Object({ items: Type.Array(ProductDetail), nextCursor: Nullable(Type.String()) }) },
      },
    },
    async (request) => listProductsPage(ctx.db, requirePermission(request, "crm.read"), request.query),
  );

  app.post(
    "/api/products",
    { schema: { tags: ["products"], summary: "Create a product", body: ProductCreate, response: { 201: ProductDetail } } },
    async (request, reply) => {
      const user = requirePermission(request, "crm.write");
      const product = await createProduct(ctx.db, user, request.body, ctx.now());
      reply.header("location", `/api/products/${product.id}`);
      return sendWithEtag(reply, product, 201);
    },
  );

  app.get(
    "/api/products/:id",
    { schema: { tags: ["products"], summary: "One product", params: IdParams, response: { 200: ProductDetail } } },
    async (request, reply) => sendWithEtag(reply, await getProduct(ctx.db, requirePermission(request, "crm.read"), request.params.id)),
  );

  app.get(
    "/api/products/:id/audit",
    { schema: { tags: ["products"], summary: "Audit trail of a product (newest first; cost price lines only for margin viewers)", params: IdParams, response: { 200: AuditTrail } } },
    async (request) => {
      const viewer = requirePermission(request, "crm.read");
      await getProduct(ctx.db, viewer, request.params.id);
      return { items: await namedAuditLines(ctx.db, await auditOfEntity(ctx.db, viewer, "product", request.params.id)) };
    },
  );

  app.get(
    "/api/products/:id/arguments",
    { schema: { tags: ["products"], summary: "The product's arguments (unique selling points), each with the requirement it answers", params: IdParams, response: { 200: ProductArguments } } },
    async (request) => getProductArguments(ctx.db, requirePermission(request, "crm.read"), request.params.id),
  );

  app.put(
    "/api/products/:id/arguments",
    { schema: { tags: ["products"], summary: "Replace the product's arguments (in the order given)", params: IdParams, body: ProductArguments, response: { 200: ProductArguments } } },
    async (request) => replaceProductArguments(ctx.db, requirePermission(request, "crm.write"), request.params.id, request.body),
  );

  versionedPatch(app, {
    path: "/api/products/:id",
    tag: "products",
    summary: "Change a product",
    permission: "crm.write",
    body: ProductPatch,
    response: ProductDetail,
    update: (user, id, version, body) => updateProduct(ctx.db, user, id, version, body, ctx.now()),
  });

  app.post(
    "/api/products/import",
    {
      schema: {
        tags: ["products"],
        summary: "Import products from a CSV or XLSX file (multipart field: file) as a background job; all or nothing, matched by code; the job's result is the summary",
        consumes: ["multipart/form-data"],
        response: { 202: JobDto },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request, "crm.write");
      const job = await queueFileImport(ctx, request, viewer, "products.import");
      reply.header("location", `/api/jobs/${job.id}`);
      return reply.status(202).send(toJobDto(job));
    },
  );

  app.get(
    "/api/product-groups",
    { schema: { tags: ["products"], summary: "Product groups", response: { 200: Type.Object({ items: Type.Array(ProductGroup) }) } } },
    async (request) => {
      requirePermission(request, "crm.read");
      return { items: await listProductGroups(ctx.db) };
    },
  );

  app.post(
    "/api/product-groups",
    { schema: { tags: ["products"], summary: "Create a product group", body: ProductGroupCreate, response: { 201: ProductGroup } } },
    async (request, reply) => {
      requirePermission(request, "crm.write");
      return reply.status(201).send(await createProductGroup(ctx.db, request.body));
    },
  );
};
