import type { ComponentProps } from "react";

const variants = {
  primary: "bg-brand-700 text-white hover:bg-brand-800 disabled:opacity-60",
  secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-100",
  danger: "border border-red-700 bg-white text-red-800 hover:bg-red-50",
} as const;

/** Compact buttons sit many to a row (a message's actions); on a phone they stay 44 px high to be touched. */
const sizes = { md: "px-4 py-2", sm: "min-h-11 px-3 py-1 sm:min-h-0" } as const;

export function Button({
  variant = "primary",
  size = "md",
  className = "",
  ...props
}: ComponentProps<"button"> & { variant?: keyof typeof variants; size?: keyof typeof sizes }) {
  return (
    <button
      className={`inline-flex items-center justify-center rounded-md text-sm font-medium ${sizes[size]} ${variants[variant]} ${className}`}
      {...props}
    />
  );
}
