import { vi } from "vitest";

// The unit lane touches no database and no network (the domain and pure helpers only). A test that
// opens a database or fetches fails here with the reason: it belongs in tests/integration.
vi.mock("better-sqlite3", () => ({
  default: function Database() {
    throw new Error("a unit test opened a database: it belongs in tests/integration");
  },
}));
vi.stubGlobal("fetch", () => {
  throw new Error("a unit test used the network: it belongs in tests/integration");
});
