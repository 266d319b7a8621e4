import { expect } from 'chai';
import { formModel, type Field } from './explorer-modules.ts';

const { bodyOf, choicesOf, fieldsOf, queryOf } = formModel;
const readFrom = (values: Record<string, string | boolean | string[]>) => (name: string) => values[name];
const field = (fields: Field[], name: string) => fields.find((f) => f.name === name)!;

/** HAL-FORMS templates as API.md §1 and §2 shape them (prompts, options with inline prompts and selectedValues, bounds). */
const search = {
  method: 'GET', target: '/recipes', title: 'Search recipes',
  properties: [
    { name: 'q', prompt: 'Words to search for', type: 'text', maxLength: 200 },
    {
      name: 'sort', prompt: 'Sort by',
      options: {
        inline: [{ prompt: 'Best match', value: 'relevance' }, { prompt: 'Cook time', value: 'cook_time' }],
        selectedValues: ['relevance'], minItems: 0, maxItems: 1,
      },
    },
    { name: 'per_page', prompt: 'Recipes per page', type: 'number', min: 1, max: 100, step: 1 },
  ],
};
const edit = {
  method: 'PATCH', title: 'Edit the recipe',
  properties: [
    { name: 'name', prompt: 'Name', type: 'text', minLength: 1, maxLength: 200, value: 'Pea soup' },
    { name: 'description', prompt: 'Description', type: 'textarea', maxLength: 2000 },
    { name: 'cook_time', prompt: 'Cook time (minutes)', type: 'number', min: 1, max: 1440, step: 1, value: '30' },
    { name: 'num_of_servings', prompt: 'Servings', type: 'number', min: 1, max: 50, step: 1 },
  ],
};

describe('explorer: forms from HAL-FORMS templates', () => {
  it('labels fields by their prompts (the name in words without one) and makes options a single choice of their prompts, preselected', () => {
    const fields = fieldsOf('search', search);
    expect(fields.map((f) => f.label)).to.deep.equal(['Words to search for', 'Sort by', 'Recipes per page']);
    const sort = field(fields, 'sort');
    expect(sort).to.include({ control: 'select', multiple: false, value: 'relevance' });
    expect(sort.choices).to.deep.equal([{ value: 'relevance', label: 'Best match' }, { value: 'cook_time', label: 'Cook time' }]);
    expect(fieldsOf('x', { properties: [{ name: 'max_cook_time' }] })[0]!.label).to.equal('Max cook time');
  });

  it('reads options in every shape HAL-FORMS allows: bare values, promptField/valueField, several choices', () => {
    expect(choicesOf({ name: 'o', options: { inline: ['asc', 'desc'] } })).to.deep.equal([{ value: 'asc', label: 'asc' }, { value: 'desc', label: 'desc' }]);
    expect(choicesOf({ name: 'o', options: { inline: [{ id: 7, text: 'Seven' }], valueField: 'id', promptField: 'text' } }))
      .to.deep.equal([{ value: '7', label: 'Seven' }]);
    expect(fieldsOf('t', { properties: [{ name: 'tags', options: { inline: ['a', 'b'], maxItems: 3 } }] })[0]!.multiple).to.equal(true);
  });

  it('says what a number accepts before anything is sent, and "or empty to clear" only for a value that can be cleared', () => {
    const fields = fieldsOf('edit', edit);
    expect(field(fields, 'cook_time').hint).to.equal('1 to 1440, or empty to clear');
    expect(field(fields, 'num_of_servings').hint, 'no value to clear').to.equal('1 to 50');
    const create = fieldsOf('create', { method: 'POST', properties: [{ name: 'cook_time', type: 'number', min: 1, max: 1440 }] });
    expect(field(create, 'cook_time').hint).to.equal('1 to 1440');
    const prefilledQuery = fieldsOf('search', { method: 'GET', properties: [{ name: 'per_page', type: 'number', min: 1, max: 100, value: '20' }] });
    expect(field(prefilledQuery, 'per_page').hint, 'a search\'s empty field is just not sent').to.equal('1 to 100');
  });

  it('gives a new password its length rule and the right autocomplete; a login password neither', () => {
    const register = fieldsOf('register', { properties: [{ name: 'password', type: 'password', minLength: 15, maxLength: 256, required: true }] })[0]!;
    expect(register).to.include({ autocomplete: 'new-password', hint: '15 to 256 characters.' });
    const login = fieldsOf('login', { properties: [{ name: 'password', type: 'password', minLength: 1, maxLength: 256 }] })[0]!;
    expect(login).to.include({ autocomplete: 'current-password', hint: null });
    const change = fieldsOf('change-password', {
      properties: [{ name: 'current_password', type: 'password' }, { name: 'new_password', type: 'password', minLength: 15 }],
    });
    expect(change.map((f) => f.autocomplete)).to.deep.equal(['current-password', 'new-password']);
  });

  it('keeps the tab\'s tokens out of the form: a secret field, hidden', () => {
    expect(fieldsOf('logout', { properties: [{ name: 'refresh_token', type: 'text' }] })[0]).to.include({ control: 'hidden', secret: true });
  });

  it('sends numbers as numbers, leaves out empty optional fields, and sends an emptied prefilled one ("" for text, null for a number)', () => {
    const fields = fieldsOf('edit', edit);
    expect(bodyOf(fields, readFrom({ name: 'Pea soup', description: '', cook_time: '45', num_of_servings: '' })))
      .to.deep.equal({ name: 'Pea soup', cook_time: 45 });
    expect(bodyOf(fields, readFrom({ name: '', description: '', cook_time: '', num_of_servings: '4' })))
      .to.deep.equal({ name: '', cook_time: null, num_of_servings: 4 });
    const required = fieldsOf('register', { properties: [{ name: 'email', type: 'email', required: true }, { name: 'ok', type: 'checkbox' }] });
    expect(bodyOf(required, readFrom({ email: '', ok: false }))).to.deep.equal({ email: '', ok: false });
  });

  it('puts a GET form\'s values in the query, every chosen value and no empty one', () => {
    const fields = fieldsOf('search', search);
    expect(queryOf(fields, readFrom({ q: 'soup', sort: 'cook_time', per_page: '' }))).to.deep.equal([['q', 'soup'], ['sort', 'cook_time']]);
  });
});
