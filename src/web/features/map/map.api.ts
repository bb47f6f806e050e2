// The map's data over HTTP: GET /api/map/relations with the page's filter.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Static } from "typebox";
import { api, queryString } from "../../api/client.js";
import type { MapRelations } from "../../../features/map/map.schemas.js";

export type MapRelationsData = Static<typeof MapRelations>;

export function useMapRelations(filter: { rayon: string | null; classes: readonly string[] }) {
  return useQuery({
    queryKey: ["map", "relations", filter.rayon ?? "", filter.classes.join(",")],
    queryFn: ({ signal }) => api.get<MapRelationsData>(`/api/map/relations${queryString({ rayon: filter.rayon, class: [...filter.classes] })}`, signal),
    placeholderData: keepPreviousData,
  });
}
