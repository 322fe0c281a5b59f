#!/bin/sh
# Runs once, at image build: creates the cluster, the schema and the historical data.
set -eu
initdb --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 "$PGDATA" >/dev/null
# Loading settings for this one run: no WAL for the bulk insert, no fsync until the final checkpoint.
pg_ctl -w -o "-c config_file=/opt/db/postgresql.conf -c listen_addresses='' -c wal_level=minimal -c max_wal_senders=0 -c fsync=off -c synchronous_commit=off -c maintenance_work_mem=256MB" start >/dev/null
psql -v ON_ERROR_STOP=1 -q -U postgres -c "CREATE ROLE api LOGIN" -c "CREATE DATABASE videos OWNER api"
start=$(date +%s.%N)
psql -v ON_ERROR_STOP=1 -q -U api -d videos -1 -f /opt/db/schema.sql -f /opt/db/seed.sql
# Frozen and analysed now, so no query at run time pays for hint bits or statistics.
psql -v ON_ERROR_STOP=1 -q -U api -d videos -c "VACUUM (FREEZE, ANALYZE) videos, jobs"
end=$(date +%s.%N)
psql -q -U api -d videos -At -c "SELECT 'seeded ' || count(*) || ' jobs in ' || round(($end - $start)::numeric, 1) || ' s, table ' || pg_size_pretty(pg_table_size('jobs')) FROM jobs"
pg_ctl -w stop -m fast >/dev/null
