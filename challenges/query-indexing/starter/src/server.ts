// The orders API's process: its database pool and its port. The API itself is ./app.ts.
import pg from 'pg';
import { createApp } from './app.ts';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const server = createApp(pool).listen(Number(process.env.PORT ?? 3000));
process.on('SIGTERM', () => {
  server.close();
  void pool.end();
});
