// The cluster test's own process talks to the run's database for setup and checks; the
// cluster's processes get their environment from scripts/cluster. Quiet here.
process.env.LOG_LEVEL ??= "silent";
process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";
