import { useRevalidator, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useState, type ComponentType } from "react";
import { interpolate, useI18n } from "#app/i18n/i18n";
import uppyCoreCss from "@uppy/core/css/style.min.css";
import uppyDashboardCss from "@uppy/dashboard/css/style.min.css";
import type { UploaderProps } from "./uploader.client";

export type UploadSettings = { transport: "s3" | "local"; accept: string; maxFileBytes: number; limitsText: string };

let uppyStyles: Promise<unknown> | null = null;

/**
 * Uppy's stylesheets, added to the page once JavaScript runs: a visit without JavaScript never
 * needs them, so the upload steps' first visit does not carry them. Resolves when both have
 * loaded (or failed: the uploader then shows unstyled rather than not at all).
 */
function loadUppyStyles(): Promise<unknown> {
  uppyStyles ??= Promise.all(
    [uppyCoreCss, uppyDashboardCss].map(
      (href) =>
        new Promise<void>((resolve) => {
          const link = document.createElement("link");
          link.rel = "stylesheet";
          link.href = href;
          link.onload = link.onerror = () => resolve();
          document.head.append(link);
        }),
    ),
  );
  return uppyStyles;
}

/**
 * Replaces a category's plain file input with Uppy once JavaScript runs. Uppy is imported
 * lazily here, so its code is fetched only on the upload steps and never delays the page;
 * without JavaScript (or until it loads) the plain input keeps working.
 */
export function UploadIsland({
  id,
  describedBy,
  category,
  label,
  settings,
  baseUrl = "/klacht/upload",
  onReady,
  onMessage,
  onBusyChange,
}: {
  id: string;
  describedBy?: string;
  category: string;
  label: string;
  settings: UploadSettings;
  /** The upload calls' base URL; the resident's by default. */
  baseUrl?: string;
  onReady(): void;
  onMessage: UploaderProps["onMessage"];
  onBusyChange(busy: boolean): void;
}) {
  const { messages, locale } = useI18n();
  const root = useRouteLoaderData<{ csrfToken: string }>("root");
  const revalidator = useRevalidator();
  const [Uploader, setUploader] = useState<ComponentType<UploaderProps> | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([import("./uploader.client"), loadUppyStyles()])
      .then(([m]) => {
        if (!live) return;
        setUploader(() => m.Uploader);
        onReady();
      })
      .catch(() => {
        // The plain file input stays in place: uploading still works.
      });
    return () => {
      live = false;
    };
    // onReady is stable for the life of the page section
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (!Uploader || !root) return null;
  const t = messages.intake.attachments;
  return (
    <Uploader
      id={id}
      describedBy={describedBy}
      category={category}
      label={label}
      baseUrl={baseUrl}
      transport={settings.transport}
      csrfToken={root.csrfToken}
      locale={locale}
      accept={settings.accept.split(",")}
      maxFileBytes={settings.maxFileBytes}
      text={{
        verifying: t.verifying,
        verified: t.verified,
        uploadFailed: t.uploadFailed,
        dropHint: interpolate(t.dropHint, { browse: "%{browseFiles}" }),
        browse: t.browse,
        note: settings.limitsText,
      }}
      onVerified={() => revalidator.revalidate()}
      onMessage={onMessage}
      onBusyChange={onBusyChange}
    />
  );
}
