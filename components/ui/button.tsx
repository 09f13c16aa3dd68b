import type { ComponentProps } from "react";

const variants = {
  primary: "bg-brand-700 text-white hover:bg-brand-800 disabled:opacity-60",
  secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-100",
  danger: "border border-red-700 bg-white text-red-800 hover:bg-red-50",
} as const;

export function Button({ variant = "primary", className = "", ...props }: ComponentProps<"button"> & { variant?: keyof typeof variants }) {
  return (
    <button
      className={`inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-medium ${variants[variant]} ${className}`}
      {...props}
    />
  );
}
