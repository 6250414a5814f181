import { type ChangeEvent, type FormEvent, useCallback, useState } from "react";
import { fieldErrors } from "../api/client";

type Errors = Record<string, string | undefined>;

/**
 * Just enough form state for Trellis: values, per-input errors (also from an API problem's `fields`),
 * and prop helpers for Mantine inputs. `text` suits TextInput/Textarea/PasswordInput; `field` suits
 * inputs whose onChange hands over the value (Select, MultiSelect, TagsInput, NumberInput, Switch).
 */
export function useForm<T extends object>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<Errors>({});

  const setValue = useCallback(<K extends keyof T>(key: K, value: T[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => (current[key as string] ? { ...current, [key as string]: undefined } : current));
  }, []);

  const text = <K extends keyof T>(key: K) => ({
    value: String(values[key] ?? ""),
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValue(key, event.currentTarget.value as T[K]),
    error: errors[key as string],
  });

  const field = <K extends keyof T>(key: K) => ({
    value: values[key],
    onChange: (value: T[K]) => setValue(key, value),
    error: errors[key as string],
  });

  /** Shows the API's per-field messages; returns true when there were any. */
  const setApiErrors = (error: unknown): boolean => {
    const fields = fieldErrors(error);
    setErrors(fields);
    return Object.keys(fields).length > 0;
  };

  const validate = (rules: Partial<Record<keyof T, (value: T[keyof T], all: T) => string | undefined>>): boolean => {
    const found: Errors = {};
    for (const key of Object.keys(rules) as (keyof T)[]) {
      const message = rules[key]?.(values[key], values);
      if (message) found[key as string] = message;
    }
    setErrors(found);
    return Object.keys(found).length === 0;
  };

  const onSubmit = (handler: (values: T) => void) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    handler(values);
  };

  return { values, setValues, setValue, errors, setErrors, setApiErrors, text, field, validate, onSubmit, reset: () => setValues(initial) };
}
