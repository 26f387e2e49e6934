import { Link as RemixLink, type LinkProps } from "@remix-run/react";
import type { ButtonHTMLAttributes, HTMLAttributes, ReactNode } from "react";

/**
 * Thin React wrappers around the NL Design System (Utrecht) CSS components. Our own
 * theme (app/styles/theme.css) sets the design tokens; the markup and classes are the
 * community standard, so screen-reader and keyboard behaviour match other Dutch services.
 */

const cx = (...names: (string | false | null | undefined)[]) => names.filter(Boolean).join(" ");

export function Heading({
  level,
  children,
  className,
  ...rest
}: { level: 1 | 2 | 3 | 4 } & HTMLAttributes<HTMLHeadingElement>) {
  const Tag = `h${level}` as const;
  return (
    <Tag className={cx(`utrecht-heading-${level}`, className)} {...rest}>
      {children}
    </Tag>
  );
}

export function Paragraph({ lead, className, ...rest }: { lead?: boolean } & HTMLAttributes<HTMLParagraphElement>) {
  return <p className={cx("utrecht-paragraph", lead && "utrecht-paragraph--lead", className)} {...rest} />;
}

export function Link({ className, ...rest }: LinkProps) {
  return <RemixLink className={cx("utrecht-link", className)} {...rest} />;
}

export function Button({
  appearance = "primary",
  className,
  type = "submit",
  ...rest
}: { appearance?: "primary" | "secondary" | "subtle" } & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type={type}
      className={cx(
        "utrecht-button",
        `utrecht-button--${appearance === "subtle" ? "subtle" : `${appearance}-action`}`,
        className,
      )}
      {...rest}
    />
  );
}

export function ButtonLink({
  appearance = "primary",
  className,
  ...rest
}: { appearance?: "primary" | "secondary" } & LinkProps) {
  return (
    <RemixLink
      className={cx(
        "utrecht-button-link",
        "utrecht-button-link--html-a",
        `utrecht-button-link--${appearance}-action`,
        className,
      )}
      {...rest}
    />
  );
}

export function UnorderedList({ children }: { children: ReactNode }) {
  return <ul className="utrecht-unordered-list">{children}</ul>;
}

export function ListItem({ children }: { children: ReactNode }) {
  return <li className="utrecht-unordered-list__item">{children}</li>;
}

export function Alert({
  type = "info",
  children,
  role,
}: {
  type?: "info" | "ok" | "warning" | "error";
  children: ReactNode;
  role?: "status" | "alert";
}) {
  return (
    <div className={cx("utrecht-alert", `utrecht-alert--${type}`)} role={role}>
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}

export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="oma-visually-hidden">{children}</span>;
}

export function PageTitle({ children, preHeading }: { children: ReactNode; preHeading?: ReactNode }) {
  return (
    <div className="oma-page-title">
      {preHeading ? <p className="utrecht-pre-heading">{preHeading}</p> : null}
      <Heading level={1}>{children}</Heading>
    </div>
  );
}
