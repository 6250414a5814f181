import { MultiSelect } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { api } from "../../api/client";
import type { Page, Partner } from "../../api/types";

interface PartnerPickerProps {
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}

/** Partners found by name as the user types; chosen ones keep their names even when no longer in the results. */
export function PartnerPicker({ value, onChange, error }: PartnerPickerProps) {
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search, 250);
  const found = useQuery({
    queryKey: ["partners", "list", "picker", q],
    queryFn: ({ signal }) => api<Page<Partner>>("/partners", { query: { q: q.trim(), limit: 20, sort: "name" }, signal }),
    placeholderData: (previous) => previous,
  });
  const chosen = useQueries({
    queries: value.map((id) => ({
      queryKey: ["partners", "detail", id],
      queryFn: () => api<Partner>(`/partners/${encodeURIComponent(id)}`),
      staleTime: 5 * 60_000,
    })),
  });
  const chosenNames = chosen.map((query) => query.data?.name ?? "").join("|");
  // biome-ignore lint/correctness/useExhaustiveDependencies: chosenNames stands for the chosen partners' answers
  const data = useMemo(() => {
    const options = new Map<string, string>();
    value.forEach((id, index) => {
      options.set(id, chosen[index]?.data?.name ?? "Loading…");
    });
    for (const partner of found.data?.items ?? []) options.set(partner.id, partner.name);
    return [...options].map(([id, label]) => ({ value: id, label }));
  }, [value, chosenNames, found.data]);
  return (
    <MultiSelect
      label="Partners"
      placeholder={value.length ? undefined : "Type a partner's name"}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already filtered by the search words.
      filter={({ options }) => options}
      data={data}
      value={value}
      onChange={onChange}
      error={error}
      nothingFoundMessage={found.isFetching ? "Searching…" : "No partner by that name"}
      maxValues={500}
      hidePickedOptions
    />
  );
}
