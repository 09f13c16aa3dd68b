"use client";

import { useEffect, useRef } from "react";

/** The opened message's subject takes the focus, so the keyboard and a screen reader start reading there. */
export function FocusedHeading({ id, className, children }: { id: string; className: string; children: React.ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus({ preventScroll: true }), []);
  return (
    <h1 ref={heading} id={id} tabIndex={-1} className={`${className} focus:outline-none`}>
      {children}
    </h1>
  );
}
