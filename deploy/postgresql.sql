-- The database and its role, run once by PostgreSQL's superuser (the password is a psql variable):
--   PW="$(openssl rand -hex 24)"
--   sudo -u postgres psql -v ON_ERROR_STOP=1 -v password="$PW" -f deploy/postgresql.sql
-- then DATABASE_URL=postgresql://synopse:$PW@127.0.0.1:5432/synopse in /etc/synopse/synopse.env.
-- The role owns its database and nothing else: `npm run db:migrate` creates the tables as that role.
CREATE ROLE synopse LOGIN PASSWORD :'password';
CREATE DATABASE synopse OWNER synopse ENCODING 'UTF8' TEMPLATE template0;
