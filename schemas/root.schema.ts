/** The entry point's own properties (what GET / returns besides links and templates). */
export const rootSchema = {
  $id: 'root',
  title: 'Smilecook entry point',
  description: 'The API\'s single entry point. It accepts no unsafe methods: every action is a template whose target has its own schema.',
  type: 'object',
  properties: {
    title: { type: 'string', title: 'Service name', maxLength: 100 },
    version: { type: 'string', title: 'API version', maxLength: 20 },
  },
  required: ['title', 'version'],
  additionalProperties: false,
} as const;
