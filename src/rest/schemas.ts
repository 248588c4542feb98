// JSON schemas shared by REST routes (fastify validates with them; OpenAPI is generated from them).
export const langParam = {
  type: 'string',
  enum: ['en', 'ko'],
  description: 'Language of the text (default: Accept-Language, then en).',
} as const;
export const formatParam = {
  type: 'string',
  enum: ['json', 'text', 'md'],
  description: 'Output format (default: from Accept, then JSON).',
} as const;
export const pageParams = {
  limit: { type: 'integer', minimum: 1, maximum: 100, default: 20, description: 'Items per page (1–100).' },
  cursor: { type: 'string', description: 'The nextCursor of the previous page.' },
} as const;
export const slugParams = {
  type: 'object',
  required: ['slug'],
  properties: {
    slug: { type: 'string', minLength: 1, maxLength: 100, description: 'The concept slug, e.g. headless-service.' },
  },
} as const;
