import { expect } from 'chai';
import { uriTemplate } from './explorer-modules.ts';

const { expandTemplate, templateVariables } = uriTemplate;

describe('explorer: RFC 6570 URI templates (the part HAL links use)', () => {
  it('lists the variables of every expression, in order and once', () => {
    expect(templateVariables('/users/{username}/recipes{?q,sort,order,page}{&q,extra}')).to.deep.equal(['username', 'q', 'sort', 'order', 'page', 'extra']);
    expect(templateVariables('/a{/path*}{#frag:3}')).to.deep.equal(['path', 'frag']);
    expect(templateVariables('/plain')).to.deep.equal([]);
  });

  it('expands simple, query and continuation expressions, leaving out undefined and empty values', () => {
    expect(expandTemplate('/users/{username}', { username: 'al ice/x' })).to.equal('/users/al%20ice%2Fx');
    expect(expandTemplate('/recipes{?q,sort,page}', { q: 'crème brûlée', sort: '', page: 2 })).to.equal('/recipes?q=cr%C3%A8me%20br%C3%BBl%C3%A9e&page=2');
    expect(expandTemplate('/recipes{?q}', {})).to.equal('/recipes');
    expect(expandTemplate('/r?a=1{&b,c}', { b: 'it\'s', c: '(x)' })).to.equal('/r?a=1&b=it%27s&c=%28x%29');
  });

  it('expands reserved, fragment, label, path and matrix expressions', () => {
    expect(expandTemplate('{+base}/x', { base: 'http://h/a b' })).to.equal('http://h/a%20b/x');
    expect(expandTemplate('/p{#section}', { section: 'a/b' })).to.equal('/p#a/b');
    expect(expandTemplate('/f{.ext}', { ext: 'json' })).to.equal('/f.json');
    expect(expandTemplate('{/a,b}', { a: 'x', b: 'y' })).to.equal('/x/y');
    expect(expandTemplate('/m{;a,b}', { a: 1, b: 'z' })).to.equal('/m;a=1;b=z');
  });
});
