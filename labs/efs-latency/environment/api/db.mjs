// The database connection pool, sized by the configuration file. When the configuration changes, new
// requests use a new pool and the old one closes once its clients are back.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pg = require('pg');

function newPool(settings) {
  const pool = new pg.Pool({
    host: settings.host,
    port: settings.port,
    database: settings.name,
    user: settings.user,
    max: settings.pool,
    idleTimeoutMillis: settings.idleTimeoutMs,
  });
  pool.on('error', (error) => console.error(`database: idle client error: ${error.message}`));
  // A connection the database drops while a request holds it fails that request, not the process.
  pool.on('connect', (client) => client.on('error', (error) => console.error(`database: ${error.message}`)));
  return pool;
}

export function createDatabase(settings) {
  let current = { settings, pool: newPool(settings) };
  return {
    connect: () => current.pool.connect(),
    query: (text, values) => current.pool.query(text, values),
    configure(next) {
      if (JSON.stringify(next) === JSON.stringify(current.settings)) return false;
      const old = current.pool;
      current = { settings: next, pool: newPool(next) };
      // Requests already queued on the old pool are served by it; it closes once none is waiting.
      const retire = setInterval(() => {
        if (old.waitingCount > 0) return;
        clearInterval(retire);
        old.end().catch(() => {});
      }, 200);
      return true;
    },
    stats() {
      const { pool, settings } = current;
      return {
        size: settings.pool,
        total: pool.totalCount,
        idle: pool.idleCount,
        waiting: pool.waitingCount,
      };
    },
    end: () => current.pool.end(),
  };
}
