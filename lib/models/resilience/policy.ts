// The schema lives in db (the model_versions column is typed by it).
export * from "@/db/schema/json/resilience-policy";
