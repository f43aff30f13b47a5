export * from "./brands";
export * from "./users";
export * from "./memberships";
export * from "./sessions";
export * from "./login-attempts";
export * from "./queue-probes";
