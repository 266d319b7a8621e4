import { expect } from 'chai';
import { HAL, HAL_FORMS, HTML, negotiate } from '../../src/http/negotiate.ts';

describe('content negotiation (API.md §1)', () => {
  it('serves HAL-FORMS when it ranks at least as high as HAL and there are templates', () => {
    expect(negotiate('application/prs.hal-forms+json;q=1.0, application/hal+json;q=0.9, */*;q=0.1', true)).to.equal(HAL_FORMS);
    expect(negotiate('application/hal+json, application/prs.hal-forms+json', true)).to.equal(HAL_FORMS);
    expect(negotiate('application/prs.hal-forms+json;q=0.5, application/hal+json', true)).to.equal(HAL);
  });

  it('serves HAL when HAL-FORMS wins but the resource has no templates', () => {
    expect(negotiate('application/prs.hal-forms+json, application/hal+json', false)).to.equal(HAL);
  });

  it('uses the most specific matching range for each type', () => {
    expect(negotiate('application/*;q=0.2, application/hal+json;q=0.8, text/html;q=0.5', true)).to.equal(HAL);
    expect(negotiate('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', true)).to.equal(HTML);
    expect(negotiate('*/*', false)).to.equal(HAL);
    expect(negotiate(undefined, false)).to.equal(HAL);
  });

  it('gives wildcards, no Accept and application/json plain HAL: only a range naming HAL-FORMS selects it', () => {
    for (const accept of ['*/*', 'application/*', undefined, '', 'application/json', 'application/json, */*;q=0.1']) {
      expect(negotiate(accept, true), String(accept)).to.equal(HAL);
    }
    expect(negotiate('application/prs.hal-forms+json', true)).to.equal(HAL_FORMS);
    expect(negotiate('*/*, application/prs.hal-forms+json', true)).to.equal(HAL_FORMS);
    expect(negotiate('application/json;q=0.5, application/prs.hal-forms+json', true)).to.equal(HAL_FORMS);
    expect(negotiate('application/prs.hal-forms+json;q=0.4, application/json', true)).to.equal(HAL);
    expect(negotiate('application/hal+json;q=0.2, application/json', true)).to.equal(HAL);
  });

  it('treats q=0 as not acceptable', () => {
    expect(negotiate('application/hal+json;q=0, text/html;q=0, application/prs.hal-forms+json;q=0', true)).to.equal(null);
    expect(negotiate('*/*, application/hal+json;q=0, application/prs.hal-forms+json;q=0', true)).to.equal(HTML);
  });

  it('is case-insensitive on media types and tolerates junk ranges', () => {
    expect(negotiate('Application/HAL+JSON', false)).to.equal(HAL);
    expect(negotiate('garbage, ;;, application/hal+json;q=abc', false)).to.equal(null);
  });
});
