import { Input } from "@mantine/core";
import { useId } from "react";

interface FilePickerProps {
  label: string;
  accept: string;
  description?: string;
  error?: string;
  onChange: (file: File | null) => void;
}

/** A plain, labelled <input type="file">: keyboard, screen reader and test friendly. */
export function FilePicker({ label, accept, description, error, onChange }: FilePickerProps) {
  const id = useId();
  return (
    <Input.Wrapper label={label} description={description} error={error} id={id}>
      <input
        id={id}
        type="file"
        accept={accept}
        onChange={(event) => onChange(event.currentTarget.files?.[0] ?? null)}
        style={{ display: "block", marginTop: 4, fontSize: "var(--mantine-font-size-sm)", maxWidth: "100%" }}
      />
    </Input.Wrapper>
  );
}
