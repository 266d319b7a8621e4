import { expect } from 'chai';
import { Ajv } from 'ajv';
import { templateOf } from '../../resources/hal-forms.ts';
import { SEARCH_FORM, recipeCollectionAffordances } from '../../resources/recipe-collection.affordances.ts';
import { ajv } from '../../schemas/ajv.ts';
import { allSchemas } from '../../schemas/index.ts';
import { recipesQuerySchema } from '../../schemas/recipe.schema.ts';
import type { Affordance } from '../../src/core/affordance.ts';

/** The query schema as the search issue extends it: relevance first and the default, two filters (same names, bounds). */
const extended = {
  ...recipesQuerySchema,
  $id: 'recipes-query-extended',
  properties: {
    ...recipesQuerySchema.properties,
    sort: { ...recipesQuerySchema.properties.sort, enum: ['relevance', 'created_at', 'cook_time', 'num_of_servings'], default: 'relevance' },
    max_cook_time: { type: 'integer', title: 'Cooks in at most (minutes)', minimum: 1, maximum: 1440 },
    min_servings: { type: 'integer', title: 'Serves at least', minimum: 1, maximum: 50 },
  },
} as const;

interface Property {
  name: string;
  prompt: string;
  type: string;
  min?: number;
  max?: number;
  value?: string;
  options?: { inline: Array<{ prompt: string; value: string }>; selectedValues: string[] };
}
type Enumerated = Record<string, { enum?: string[]; optionPrompts?: Record<string, string> }>;

/**
 * The search form is built from the query schema alone (API.md §1, §6): a parameter added there shows
 * up with its bounds and choices, and a blank form preselects the schema's default.
 */
describe('the search form, from the query schema', () => {
  const search = (schema: object, values?: Record<string, unknown>) => templateOf(
    { ...recipeCollectionAffordances.list, query: schema } as unknown as Affordance<never>, '/recipes', values, SEARCH_FORM,
  ).properties as Property[];

  it('picks up new parameters and sort values: filters with their bounds, relevance preselected on a blank form', () => {
    const properties = search(extended);
    expect(properties.map((p) => p.name)).to.deep.equal(['q', 'sort', 'order', 'per_page', 'max_cook_time', 'min_servings']);
    expect(properties.find((p) => p.name === 'max_cook_time')).to.include({ type: 'number', min: 1, max: 1440, prompt: 'Cooks in at most (minutes)' });
    expect(properties.find((p) => p.name === 'min_servings')).to.include({ type: 'number', min: 1, max: 50 });
    const sort = properties.find((p) => p.name === 'sort')!;
    expect(sort.options!.inline[0]).to.deep.equal({ prompt: 'Best match', value: 'relevance' });
    expect(sort.options!.selectedValues).to.deep.equal(['relevance']);
  });

  it('preselects the current values, keeps a value outside the choices out of selectedValues, and prefills the others', () => {
    const properties = search(extended, { q: 'soup', sort: 'cook_time', order: 'bogus', max_cook_time: 30 });
    const selected = (name: string) => properties.find((p) => p.name === name)!.options!.selectedValues;
    expect([selected('sort'), selected('order')]).to.deep.equal([['cook_time'], ['desc']]);
    expect(properties.find((p) => p.name === 'max_cook_time')!.value).to.equal('30');
  });

  it('labels every value of every enum in the schemas, and ajv\'s strict mode knows the annotations', () => {
    for (const schema of allSchemas) {
      for (const [name, property] of Object.entries((schema as { properties?: Enumerated }).properties ?? {})) {
        for (const value of property.enum ?? []) expect(property.optionPrompts?.[value], `${schema.$id}.${name} = ${value}`).to.be.a('string');
      }
    }
    expect(() => ajv.compile(extended)).not.to.throw();
    expect(() => new Ajv({ strict: true }).compile(recipesQuerySchema), 'without the registration').to.throw(/unknown keyword/);
  });
});
