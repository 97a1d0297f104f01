import type { ReactNode } from "react";

const COLOURS = {
  normal: "text-red-700 dark:text-red-400",
  /** A darker red, for messages set in a panel rather than under a field. */
  strong: "text-red-800 dark:text-red-300",
};

/**
 * What went wrong, where the researcher is looking: red text with role="alert", so a screen reader
 * reads it out as soon as it appears. The one error paragraph of the app; `className` adds spacing and size.
 */
export function ErrorText({
  children,
  className = "",
  id,
  as: Tag = "p",
  tone = "normal",
}: {
  children: ReactNode;
  className?: string;
  id?: string;
  as?: "p" | "span" | "ul";
  tone?: keyof typeof COLOURS;
}) {
  return (
    <Tag id={id} role="alert" className={className === "" ? COLOURS[tone] : `${className} ${COLOURS[tone]}`}>
      {children}
    </Tag>
  );
}
