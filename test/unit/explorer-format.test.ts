import { expect } from 'chai';
import { format } from './explorer-modules.ts';

const { formatDateTime, formatValue, humanize, isDateTime, relabelError, statusWords, successWords } = format;

describe('explorer: values and messages in people\'s words', () => {
  it('formats dates, yes/no and numbers, and has nothing to show for null or empty', () => {
    expect(isDateTime('2026-05-03T14:05:00.000Z')).to.equal(true);
    expect(isDateTime('2026-05-03')).to.equal(false);
    expect(formatDateTime('2026-05-03T14:05:00.000Z', 'en-GB', 'UTC')).to.equal('3 May 2026 at 14:05');
    expect(formatValue('2026-05-03T14:05:00.000Z', 'en-GB')).to.match(/^3 May 2026 at \d\d:\d\d$/);
    expect([formatValue(true), formatValue(false), formatValue(12345, 'en-US')]).to.deep.equal(['Yes', 'No', '12,345']);
    expect([formatValue(null), formatValue(''), formatValue(undefined), formatValue({ a: 1 })]).to.deep.equal([null, null, null, null]);
    expect(formatValue('Line one\nline two')).to.equal('Line one\nline two');
  });

  it('names a property in words when nothing better names it', () => {
    expect(['created_at', 'last_used_at', 'user_agent', 'is_current', 'avatarUrl', 'name'].map(humanize))
      .to.deep.equal(['Created', 'Last used', 'User agent', 'Current', 'Avatar url', 'Name']);
  });

  it('puts a server\'s field error under the field\'s label, capitalised', () => {
    expect(relabelError('num_of_servings must be at most 50', 'num_of_servings', 'Servings')).to.equal('Servings must be at most 50');
    expect(relabelError('password must be at least 15 characters long', 'password', 'Password')).to.equal('Password must be at least 15 characters long');
    expect(relabelError('is too common', 'password', 'Password')).to.equal('Is too common');
  });

  it('says what an error status means and what to do next, for every status', () => {
    for (const status of [400, 401, 403, 404, 405, 409, 410, 412, 413, 415, 422, 429, 500, 503, 418]) {
      const { title, next } = statusWords(status);
      expect(title, String(status)).to.match(/^[A-Z]/).and.not.match(/\d{3}/);
      expect(next, String(status)).to.match(/\.$/);
    }
    expect(statusWords(401).next).to.match(/Log in/);
  });

  it('says a success in words: created, deleted, saved, logged in and out, pictures', () => {
    expect(successWords({ method: 'DELETE', status: 204, name: 'delete', label: 'Pea soup' })).to.equal('“Pea soup” deleted.');
    expect(successWords({ method: 'POST', status: 201, name: 'create', created: 'Pea soup' })).to.equal('“Pea soup” created.');
    expect(successWords({ method: 'PATCH', status: 200, name: 'edit' })).to.equal('Changes saved.');
    expect(successWords({ method: 'POST', status: 200, name: 'login' })).to.equal('You are logged in.');
    expect(successWords({ method: 'POST', status: 204, name: 'logout' })).to.equal('You are logged out.');
    expect(successWords({ method: 'PUT', status: 200, name: 'edit-media' })).to.equal('Image saved.');
    expect(successWords({ method: 'PUT', status: 200, name: 'other', title: 'Mark as favourite' })).to.equal('Done: mark as favourite.');
  });
});
