import { PasswordInput } from "@mantine/core";

export const minPasswordLength = 10;

export interface NewPassword {
  password: string;
  confirm: string;
}

/** Client-side checks before the server's; returns per-input messages. */
export function checkNewPassword(value: NewPassword): Partial<Record<keyof NewPassword, string>> {
  const errors: Partial<Record<keyof NewPassword, string>> = {};
  if (value.password.length < minPasswordLength) errors.password = `Use at least ${minPasswordLength} characters`;
  if (value.confirm !== value.password) errors.confirm = "The two passwords are not the same";
  return errors;
}

interface NewPasswordFieldsProps {
  value: NewPassword;
  errors: Partial<Record<keyof NewPassword, string>>;
  onChange: (value: NewPassword) => void;
}

export function NewPasswordFields({ value, errors, onChange }: NewPasswordFieldsProps) {
  return (
    <>
      <PasswordInput
        label="Password"
        description={`At least ${minPasswordLength} characters. A few unrelated words make a strong one.`}
        autoComplete="new-password"
        required
        value={value.password}
        error={errors.password}
        onChange={(event) => onChange({ ...value, password: event.currentTarget.value })}
      />
      <PasswordInput
        label="Confirm password"
        autoComplete="new-password"
        required
        value={value.confirm}
        error={errors.confirm}
        onChange={(event) => onChange({ ...value, confirm: event.currentTarget.value })}
      />
    </>
  );
}
