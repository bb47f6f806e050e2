import { Type } from "typebox";
import { FEED_FAILURES } from "../../domain/feed-address.js";
import { literals, Nullable, Ref } from "../../server/schema-helpers.js";

export const Feed = Type.Object({
  url: Type.String(),
  title: Nullable(Type.String({ description: "the feed's own title, from the last good fetch" })),
  lastError: Nullable(
    Type.Object({
      code: literals([...FEED_FAILURES]),
      detail: Type.String({ description: "what went wrong exactly, in English" }),
    }),
  ),
  lastFetchedAt: Nullable(Type.String()),
  lastSuccessAt: Nullable(Type.String()),
  updatedAt: Type.String(),
});

export const NewsItem = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  link: Nullable(Type.String({ description: "http(s) only" })),
  summary: Nullable(Type.String()),
  publishedAt: Nullable(Type.String({ description: "as the feed says; may be missing" })),
  fetchedAt: Type.String({ description: "when Koers first stored it" }),
});

export const RelationNews = Type.Object({ feed: Nullable(Feed), items: Type.Array(NewsItem) });

export const RelationNewsQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) }, { additionalProperties: false });

export const FeedInput = Type.Object(
  { url: Nullable(Type.String({ maxLength: 2000, description: "an RSS or Atom address on an allowed host; null or empty removes the feed" })) },
  { additionalProperties: false },
);

export const NewsSettings = Type.Object({ allowedHosts: Type.Array(Type.String()) });
export const NewsSettingsInput = Type.Object(
  { allowedHosts: Type.Array(Type.String({ minLength: 1, maxLength: 253 }), { maxItems: 200, description: "host names or IP addresses, matched exactly" }) },
  { additionalProperties: false },
);

export const NewsSeenInput = Type.Object(
  {
    upTo: Type.Optional(
      Type.String({ format: "date-time", description: "fetchedAt of the newest item the user was shown: items stored later stay news (default: now)" }),
    ),
  },
  { additionalProperties: false },
);

export const MyDayNews = Type.Object({
  since: Type.String({ description: "items stored after this instant: when you last marked the news read, at most 7 days back" }),
  more: Type.Boolean(),
  items: Type.Array(Type.Object({ id: Type.Integer(), relation: Ref, title: Type.String(), link: Nullable(Type.String()), publishedAt: Nullable(Type.String()), fetchedAt: Type.String() })),
});
