import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const serverOnlyImports = {
  patterns: [
    {
      // A regex, because a leading "#" reads as a comment in the glob form. db/schema/values holds
      // plain value lists without any import, which browser code may share.
      regex: "^(#db|#storage)/(?!schema/values$)|^(\\.\\./)+(db|storage)/",
      message: "db/ and storage/ are server-only: import them from a *.server.ts file, a test or a script.",
    },
  ],
};

/**
 * Layering (README › Layering): routes → domain → db/ and storage/. Each block below replaces the
 * one before it for the files it names (a later flat-config entry wins), so the lists read in order.
 */
const restrict = (regex, message) => ({ regex, message });
const DOMAIN_NO_UI = [
  restrict(
    "^#app/(routes|components)/|^(\\.\\./)+(routes|components)/",
    "Domain code does not know routes or components: the route calls the domain.",
  ),
  restrict("^(react|react-dom)(/|$)|^@remix-run/react$", "Domain code has no React."),
];
const I18N = "^#app/i18n/|^(\\.\\./)+i18n/";
const DOMAIN_NO_HTTP_NO_WORDS = [
  restrict("^#app/routing/|^(\\.\\./)+routing/", "Domain code does not know URLs: the route decides where to go next."),
  restrict("^@remix-run/", "Domain code returns result codes; the route turns them into responses."),
  // A locale code (a draft's language) is data; words, and the Messages that hold them, are not.
  {
    ...restrict(I18N, "Domain code returns codes, not words: the route and the catalogue choose the words."),
    allowImportNames: ["Locale"],
  },
];
const PORTAL_NO_DRAFTS = [
  restrict(
    "^#app/intake/drafts|^(\\.\\./)+intake/drafts",
    "The municipality portal never reaches residents' unfinished drafts.",
  ),
];
const INFRA_NO_APP = [
  restrict(
    "^#app/|^(\\.\\./)+app/",
    "db/ and storage/ are the bottom layer: they are given their settings and import nothing from app/.",
  ),
  restrict("^#test/|^(\\.\\./)+test/", "db/ and storage/ do not import test code."),
];
const layering = (patterns) => ({ "@typescript-eslint/no-restricted-imports": ["error", { patterns }] });

/** The domain: business rules and their queries, no HTTP, no React, no words. */
const DOMAIN = ["app/{auth,dossiers,intake,mail,portal,residents,uploads}/**/*.{ts,tsx}"];
/**
 * The edge of a domain folder: modules that take a route's arguments and answer with a redirect,
 * a `data()` result or a URL, and the ones that put the domain's codes into the catalogue's words
 * (explanations, refusals, the confirmation mail), so routes stay short. They may use
 * @remix-run/node, app/routing and the catalogue; never React, components or routes.
 */
const DOMAIN_HTTP_EDGE = [
  "app/intake/confirmation-mail.server.ts",
  "app/intake/explain.ts",
  "app/uploads/refusal-words.server.ts",
  "app/auth/login.server.ts",
  "app/auth/password-change.server.ts",
  "app/auth/session.server.ts",
  "app/intake/choice-step.server.ts",
  "app/intake/schemas.server.ts",
  "app/intake/resume-forms.server.ts",
  "app/intake/resume-mail.server.ts",
  "app/residents/forms.server.ts",
  "app/mail/resident-update.server.ts",
  "app/mail/closing-letter.server.ts",
  "app/mail/question-reminder.server.ts",
  "app/intake/recheck.server.ts",
  "app/intake/step.server.ts",
  "app/intake/upload-step.server.ts",
  "app/uploads/api.server.ts",
  "app/dossiers/staff-intake-form.server.ts",
  "app/mail/digest.server.ts",
  "app/mail/request-reminder.server.ts",
  "app/portal/request-forms.server.ts",
  "app/portal/answer-uploads.server.ts",
  "app/residents/uploads.server.ts",
];
const TESTS = ["**/*.test.{ts,tsx}"];

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      ".cache/**",
      "data/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "error",
    },
  },
  {
    // Everything in app/ that is not *.server.ts can end up in the browser bundle.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/*.server.{ts,tsx}", "app/**/*.test.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", serverOnlyImports] },
  },
  {
    files: DOMAIN,
    ignores: TESTS,
    rules: layering([...DOMAIN_NO_UI, ...DOMAIN_NO_HTTP_NO_WORDS]),
  },
  {
    files: ["app/portal/**"],
    ignores: TESTS,
    rules: layering([...DOMAIN_NO_UI, ...DOMAIN_NO_HTTP_NO_WORDS, ...PORTAL_NO_DRAFTS]),
  },
  {
    files: ["app/routes/gemeente*"],
    rules: layering(PORTAL_NO_DRAFTS),
  },
  { files: DOMAIN_HTTP_EDGE, rules: layering(DOMAIN_NO_UI) },
  {
    // The command-line scripts under db/cli and storage/cli wire the app's config to the bottom layer.
    files: ["db/**/*.ts", "storage/**/*.ts"],
    ignores: ["db/cli/**", "storage/cli/**", ...TESTS],
    rules: layering(INFRA_NO_APP),
  },
  {
    files: ["test/**", "db/cli/**", "**/*.test.{ts,tsx}", "bench/**", "storage/cli/**"],
    rules: { "no-console": "off" },
  },
);
