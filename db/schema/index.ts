export * from "./auth";
export * from "./tenancy";
export * from "./mail";
export * from "./editions";
export * from "./enrolment";
export * from "./billing";
export * from "./referential";
export * from "./results";
