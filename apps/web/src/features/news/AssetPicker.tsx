import { MultiSelect } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo, useRef, useState } from "react";
import { useAssetOptions } from "./news.api";

interface AssetPickerProps {
  value: string[];
  onChange: (ids: string[]) => void;
  /** Titles already known (the saved post's assets), so chosen ones keep their names. */
  known: { id: string; title: string }[];
}

/** Sales tools from the library, searched on the server as the editor types. */
export function AssetPicker({ value, onChange, known }: AssetPickerProps) {
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search, 250);
  const found = useAssetOptions(q);
  const titles = useRef(new Map(known.map((asset) => [asset.id, asset.title])));
  for (const asset of found.data ?? []) titles.current.set(asset.id, asset.title);
  const data = useMemo(() => {
    const options = new Map<string, string>();
    for (const id of value) options.set(id, titles.current.get(id) ?? "Loading…");
    for (const asset of found.data ?? []) options.set(asset.id, asset.title);
    return [...options].map(([id, label]) => ({ value: id, label }));
  }, [value, found.data]);
  return (
    <MultiSelect
      label="Sales tools"
      description="Library assets the post points to."
      placeholder={value.length ? undefined : "Type a title"}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already filtered by the search words.
      filter={({ options }) => options}
      data={data}
      value={value}
      onChange={onChange}
      nothingFoundMessage={found.isFetching ? "Searching…" : "No sales tool by that title"}
      maxValues={50}
      hidePickedOptions
    />
  );
}
