// Each area of the service keeps its tables in a file of its own.
export * from "./reference";
export * from "./auth";
export * from "./choices";
export * from "./providers";
export * from "./backoffice";
export * from "./staff";
export * from "./notifications";
export * from "./accountability";
export * from "./assessed-facts";
