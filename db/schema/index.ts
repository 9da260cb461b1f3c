// Each area of the service keeps its tables in a file of its own.
export * from "./reference";
