import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  prettier,
  globalIgnores(["**/.next/**", ".data/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
  {
    rules: {
      // Unused names are dead code; a leading underscore marks a deliberate discard.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      // A mailbox access is proof of a check made by lib/authz/access.ts: it is never made up by a cast.
      "no-restricted-syntax": [
        "error",
        ...["TSAsExpression", "TSTypeAssertion"].map((cast) => ({
          selector: `${cast} > TSTypeReference[typeName.name=/^(MailboxAccess|Granted|ReadAccess)$/]`,
          message: "A mailbox access comes from the resolver (loadAccess, listAccess, checkMailbox) and can(), never from a cast.",
        })),
      ],
    },
  },
  {
    // Components are reusable pieces: routes import them, never the reverse.
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "**/app/*"],
              message: "components/ must not import from app/: pass data or actions as props, or move the code to lib/.",
            },
          ],
        },
      ],
    },
  },
]);
