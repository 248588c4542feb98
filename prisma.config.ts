// Prisma CLI configuration: only `prisma generate` uses it (migrations run through src/db/migrate.ts).
import { defineConfig } from 'prisma/config';

export default defineConfig({ schema: 'prisma/schema.prisma' });
