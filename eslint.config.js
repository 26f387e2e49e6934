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

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", ".cache/**", "data/**", "node_modules/**", "test-results/**", "playwright-report/**"] },
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
    files: ["test/**", "db/cli/**", "**/*.test.{ts,tsx}", "bench/**", "storage/cli/**"],
    rules: { "no-console": "off" },
  },
);
