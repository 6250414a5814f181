import { z } from "zod";
import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import {
  notification,
  notificationPage,
  notificationPreferences,
  notificationPreferencesInput,
  notificationQuery,
  readAllResult,
  unreadCount,
} from "./notifications.schemas.js";
import {
  getNotificationPreferences,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  unreadCountFor,
  updateNotificationPreferences,
} from "./notifications.service.js";

const tags = ["notifications"];
// Every signed-in user has a notification centre; the service confines each call to the caller's own rows.
const signedIn = { policy: policy.authenticated };

export const notificationRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/notifications",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "The caller's notifications, newest first, with the unread count",
        querystring: notificationQuery,
        response: { 200: notificationPage },
      },
    },
    async (request) => listNotifications(ctx, actorOf(request), request.query),
  );
  app.get(
    "/api/v1/notifications/unread-count",
    { config: signedIn, schema: { tags, summary: "How many of the caller's notifications are unread (the bell)", response: { 200: unreadCount } } },
    async (request) => ({ unreadCount: await unreadCountFor(ctx, actorOf(request)) }),
  );
  app.post(
    "/api/v1/notifications/read-all",
    { config: signedIn, schema: { tags, summary: "Mark all the caller's notifications read", response: { 200: readAllResult } } },
    async (request) => markAllNotificationsRead(ctx, actorOf(request)),
  );
  app.post(
    "/api/v1/notifications/:id/read",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "Mark one of the caller's notifications read (another user's: 404)",
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: notification },
      },
    },
    async (request) => markNotificationRead(ctx, actorOf(request), request.params.id),
  );
  app.get(
    "/api/v1/notifications/preferences",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "The kinds the caller's role receives and whether each also comes by mail",
        response: { 200: notificationPreferences },
      },
    },
    async (request) => getNotificationPreferences(ctx, actorOf(request)),
  );
  app.put(
    "/api/v1/notifications/preferences",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "Choose which kinds also come by mail (a kind the role does not receive is refused)",
        body: notificationPreferencesInput,
        response: { 200: notificationPreferences },
      },
    },
    async (request) => updateNotificationPreferences(ctx, actorOf(request), request.body, request.id),
  );
};
