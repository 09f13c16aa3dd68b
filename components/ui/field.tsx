import { useId, type InputHTMLAttributes, type TextareaHTMLAttributes } from "react";

type Common = { label: string; errors?: string[]; help?: string };

export function Describe({ id, errors, help }: { id: string; errors?: string[]; help?: string }) {
  return (
    <>
      {help && (
        <p id={`${id}-help`} className="mt-1 text-xs text-slate-600">
          {help}
        </p>
      )}
      {errors?.map((e) => (
        <p key={e} id={`${id}-error`} className="mt-1 text-sm text-red-800">
          {e}
        </p>
      ))}
    </>
  );
}

const control = "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm";

export function describedBy(id: string, { errors, help }: Common) {
  return [help && `${id}-help`, errors?.length && `${id}-error`].filter(Boolean).join(" ") || undefined;
}

export function TextField({ label, errors, help, ...props }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        className={control}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, { label, errors, help })}
        {...props}
      />
      <Describe id={id} errors={errors} help={help} />
    </div>
  );
}

export function TextArea({ label, errors, help, ...props }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        className={control}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, { label, errors, help })}
        {...props}
      />
      <Describe id={id} errors={errors} help={help} />
    </div>
  );
}
