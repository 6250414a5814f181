import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { api } from "../api/client";
import type { Page, Partner } from "../api/types";

/** A one-partner filter, searched on the server as the user types (there can be thousands); the chosen one keeps its name when it is out of the results. */
export function PartnerFilter({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search, 250);
  const found = useQuery({
    queryKey: ["partners", "list", "picker", q],
    queryFn: ({ signal }) => api<Page<Partner>>("/partners", { query: { q: q.trim(), limit: 20, sort: "name" }, signal }),
    placeholderData: (previous) => previous,
  });
  const chosen = useQuery({
    queryKey: ["partners", "detail", value],
    queryFn: () => api<Partner>(`/partners/${encodeURIComponent(value ?? "")}`),
    enabled: Boolean(value),
    staleTime: 5 * 60_000,
  });
  const data = useMemo(() => {
    const options = new Map<string, string>();
    if (value) options.set(value, chosen.data?.name ?? "Loading…");
    for (const partner of found.data?.items ?? []) options.set(partner.id, partner.name);
    return [...options].map(([id, label]) => ({ value: id, label }));
  }, [value, chosen.data, found.data]);
  return (
    <Select
      label="Partner"
      placeholder="Any partner"
      clearable
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already filtered by the search words.
      filter={({ options }) => options}
      data={data}
      value={value}
      onChange={onChange}
      nothingFoundMessage={found.isFetching ? "Searching…" : "No partner by that name"}
    />
  );
}
