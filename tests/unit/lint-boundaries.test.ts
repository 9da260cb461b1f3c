import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import { boundaries } from "../../eslint.boundaries.js";

/** The boundary rules alone (no type information needed), on a line of code placed in a folder. */
async function problems(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: [{ files: ["**/*.{ts,tsx}"], languageOptions: { parser: tseslint.parser } }, ...boundaries],
  });
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId ?? "parse"}: ${m.message}`);
}

describe("the import boundaries fire (eslint.boundaries.js)", () => {
  it.each([
    ["app/domain/x.ts", 'import { getDb } from "~/.server/platform/db";', /no server code/],
    ["app/domain/x.ts", 'import { people } from "../../db/schema";', /no database/],
    ["app/domain/x.ts", 'import { eq } from "drizzle-orm";', /no database/],
    ["app/domain/x.ts", 'import { useState } from "react";', /no React or Remix/],
    ["app/domain/x.ts", 'import { json } from "@remix-run/node";', /no React or Remix/],
    ["app/domain/x.ts", 'import { Field } from "~/components/Field";', /no components/],
    ["app/components/X.tsx", 'import { getUser } from "~/.server/auth/auth";', /no server code/],
    ["app/components/X.tsx", 'import { providers } from "../../db/schema";', /no database/],
    ["app/.server/x.ts", 'import { NoAccess } from "~/components/NoAccess";', /no components/],
    ["app/.server/x.ts", 'import type { CurrentView } from "~/components/choice/Situation";', /no components/],
    ["app/.server/choice/x.ts", 'import { choices } from "../../../db/schema";', /Only stores/],
    ["app/.server/choice/x.ts", 'import { eq } from "drizzle-orm";', /Only stores/],
    ["app/routes/lang.x.tsx", 'import { choices } from "../../db/schema";', /Only stores/],
    ["app/.server/choice/x.ts", 'import { NoAccess } from "~/components/NoAccess";', /no components/],
    ["app/components/X.tsx", 'import type { MyView } from "~/.server/choice/my-page";', /no server code/],
    ["db/seed/x.ts", 'import { audit } from "../../app/.server/platform/audit.store";', /db\/ imports no app\/\.server/],
    ["db/seed/x.ts", 'import type { Db } from "../../app/.server/platform/db";', /db\/ imports no app\/\.server/],
    ["db/x.ts", 'import { config } from "~/.server/platform/config";', /db\/ imports no app\/\.server/],
    ["app/components/X.tsx", 'import { Form, Link } from "@remix-run/react";', /Use Link from ~\/components\/Link/],
    ["app/routes/lang.x.tsx", 'import { Link } from "@remix-run/react";', /Use Link from ~\/components\/Link/],
  ])("%s: %s", async (file, code, message) => {
    expect((await problems(file, code)).join("\n")).toMatch(message);
  });

  it("allows what each folder may import", async () => {
    expect(await problems("app/domain/x.ts", 'import { z } from "zod";')).toEqual([]);
    expect(await problems("app/components/X.tsx", 'import { useTranslation } from "react-i18next";\nimport type { Lang } from "~/i18n";')).toEqual([]);
    expect(await problems("app/.server/x.ts", 'import type { OfficeView } from "~/view-models/providers";')).toEqual([]);
    expect(await problems("app/.server/choice/x.store.ts", 'import { eq } from "drizzle-orm";\nimport { choices } from "../../../db/schema";')).toEqual([]);
    expect(await problems("app/.server/choice/x.ts", 'import type { ChoiceRow } from "../../../db/schema";')).toEqual([]);
    expect(await problems("app/components/X.tsx", 'import type { CurrentView } from "~/view-models/choice";')).toEqual([]);
    expect(await problems("app/components/Link.tsx", 'import { Link as RemixLink } from "@remix-run/react";')).toEqual([]);
    expect(await problems("app/routes/lang.x.tsx", 'import { Form, NavLink } from "@remix-run/react";\nimport { Link } from "~/components/Link";')).toEqual([]);
    expect(await problems("db/seed/x.ts", 'import { pilotDefinitionSchema } from "../../app/domain/pilot";\nimport type { Db } from "../types";')).toEqual([]);
  });
});
