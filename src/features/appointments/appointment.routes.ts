import { Type } from "typebox";
import { addDays, daysBetween, isIsoDate } from "../../domain/calendar.js";
import type { RoutesPlugin } from "../../server/context.js";
import { fieldProblem, invalid } from "../../server/errors.js";
import { expectedVersion, sendWithEtag } from "../../server/http.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { IdParams } from "../../server/schema-helpers.js";
import { startOfAmsterdamDay } from "../../server/time.js";
import { versionedPatch } from "../../server/versioned-patch.js";
import { agendaScope } from "../../domain/access.js";
import { agendaUsers } from "./appointment.repository.js";
import { AgendaUsers, Appointment, AppointmentCancel, AppointmentCreate, AppointmentList, AppointmentPatch, AppointmentQuery } from "./appointment.schemas.js";
import { cancelAppointment, createAppointment, deleteAppointment, getAppointment, listAppointments, updateAppointment } from "./appointment.service.js";
import { mayPlanFor } from "../../domain/acting.js";
import { actorOf } from "../users/user.service.js";

/** Days one agenda request may span (a year and a bit: the list view of a year). */
const MAX_RANGE_DAYS = 400;

export const appointmentRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/appointments",
    {
      schema: {
        tags: ["agenda"],
        summary: "Appointments starting between two Amsterdam dates (both included), of the agendas you may see",
        querystring: AppointmentQuery,
        response: { 200: AppointmentList },
      },
    },
    async (request) => {
      const viewer = requirePermission(request, "crm.read");
      const { from, to, userId, relationId, includeCancelled } = request.query;
      if (!isIsoDate(from)) throw invalid(fieldProblem("from", "date_invalid"));
      if (!isIsoDate(to)) throw invalid(fieldProblem("to", "date_invalid"));
      if (to < from) throw invalid(fieldProblem("to", "period_reversed"));
      if (daysBetween(from, to) > MAX_RANGE_DAYS) throw invalid(fieldProblem("to", "range_too_long"));
      const items = await listAppointments(ctx.db, viewer, {
        from,
        to,
        fromIso: startOfAmsterdamDay(from),
        toIso: startOfAmsterdamDay(addDays(to, 1)),
        userId,
        relationId,
        includeCancelled: includeCancelled === true,
      });
      return { from, to, items };
    },
  );

  app.get(
    "/api/appointments/users",
    { schema: { tags: ["agenda"], summary: "Users whose agenda you may see, and whether you may plan for them", response: { 200: AgendaUsers } } },
    async (request) => {
      const viewer = requirePermission(request, "crm.read");
      const users = await agendaUsers(ctx.db, agendaScope(viewer));
      const items = [];
      for (const u of users) {
        const actor = await actorOf(ctx.db, u.id);
        items.push({ id: u.id, name: u.name, role: u.role, mayPlan: actor !== null && mayPlanFor(viewer, actor) });
      }
      return { items };
    },
  );

  app.post(
    "/api/appointments",
    { schema: { tags: ["agenda"], summary: "Plan an appointment (for yourself, or for a rep you may act for); warnings say what overlaps", body: AppointmentCreate, response: { 201: Appointment } } },
    async (request, reply) => {
      const user = requirePermission(request, "crm.write");
      const created = await createAppointment(ctx.db, user, request.body, ctx.now());
      reply.header("location", `/api/appointments/${created.id}`);
      return sendWithEtag(reply, created, 201);
    },
  );

  app.get(
    "/api/appointments/:id",
    { schema: { tags: ["agenda"], summary: "One appointment (404 outside the agendas you may see)", params: IdParams, response: { 200: Appointment } } },
    async (request, reply) => {
      const viewer = requirePermission(request, "crm.read");
      return sendWithEtag(reply, await getAppointment(ctx.db, viewer, request.params.id));
    },
  );

  versionedPatch(app, {
    path: "/api/appointments/:id",
    tag: "agenda",
    summary: "Move or change an appointment",
    permission: "crm.write",
    body: AppointmentPatch,
    response: Appointment,
    update: (user, id, version, body) => updateAppointment(ctx.db, user, id, version, body, ctx.now()),
  });

  app.post(
    "/api/appointments/:id/cancel",
    {
      schema: {
        tags: ["agenda"],
        summary: 'Cancel an appointment (it stays in the agenda as cancelled); send If-Match: "<version>"',
        params: IdParams,
        body: AppointmentCancel,
        response: { 200: Appointment },
      },
    },
    async (request, reply) => {
      const user = requirePermission(request, "crm.write");
      const version = expectedVersion(request);
      return sendWithEtag(reply, await cancelAppointment(ctx.db, user, request.params.id, version, request.body.reason, ctx.now()));
    },
  );

  app.delete(
    "/api/appointments/:id",
    {
      schema: {
        tags: ["agenda"],
        summary: 'Delete an appointment made by mistake; send If-Match: "<version>"',
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const user = requirePermission(request, "crm.write");
      const version = expectedVersion(request);
      await deleteAppointment(ctx.db, user, request.params.id, version, ctx.now());
      return reply.status(204).send(null);
    },
  );
};
