// HTTP of a relation's own customers: read with the relation (crm.read, the CRM is open), linked and
// unlinked one at a time (crm.write), so two people editing the list never undo each other.
import type { RoutesPlugin } from "../../server/context.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { IdParams } from "../../server/schema-helpers.js";
import { CustomerLinkInput, CustomerLinks, CustomerUnlinkInput } from "./customer-link.schemas.js";
import { linkCustomer, listCustomerLinks, unlinkCustomer } from "./customer-link.service.js";

export const customerLinkRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/relations/:id/customers",
    { schema: { tags: ["relations"], summary: "The relation's own customers (links to other relations); those that are our customers too are references", params: IdParams, response: { 200: CustomerLinks } } },
    async (request) => {
      requirePermission(request, "crm.read");
      return { items: await listCustomerLinks(ctx.db, request.params.id) };
    },
  );

  app.post(
    "/api/relations/:id/customers",
    {
      schema: {
        tags: ["relations"],
        summary: "Record a relation as a customer of this relation, or set who there may be called as a reference (referencePersonId)",
        params: IdParams,
        body: CustomerLinkInput,
        response: { 200: CustomerLinks },
      },
    },
    async (request) => {
      const user = requirePermission(request, "crm.write");
      return { items: await linkCustomer(ctx.db, user, request.params.id, request.body, ctx.now()) };
    },
  );

  app.post(
    "/api/relations/:id/customers/remove",
    { schema: { tags: ["relations"], summary: "Remove a customer from this relation's customers", params: IdParams, body: CustomerUnlinkInput, response: { 200: CustomerLinks } } },
    async (request) => {
      const user = requirePermission(request, "crm.write");
      return { items: await unlinkCustomer(ctx.db, user, request.params.id, request.body.customerId, ctx.now()) };
    },
  );
};
