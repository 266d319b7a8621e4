import { Writable } from 'node:stream';
import { expect } from 'chai';
import { currentTrace, parseTraceparent, runInTrace, traceFrom, traceHeaders } from '../../src/core/trace-context.ts';
import { createLogger } from '../../src/logger.ts';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';

/** W3C Trace Context level 1, the parts a participant that records nothing but logs must get right. */
describe('trace context: traceparent parsing and propagation (unit)', () => {
  it('accepts version 00 with four fields, and keeps only the sampled flag', () => {
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-01`)).to.deep.equal({ traceId: TRACE, parentId: PARENT, flags: '01' });
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-00`)?.flags).to.equal('00');
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-03`)?.flags).to.equal('01');
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-02`)?.flags).to.equal('00');
  });

  it('reads a later version\'s first four fields, and refuses what the specification calls invalid', () => {
    expect(parseTraceparent(`01-${TRACE}-${PARENT}-01-more`)?.traceId).to.equal(TRACE);
    for (const header of [
      undefined, '', `ff-${TRACE}-${PARENT}-01`, `00-${TRACE}-${PARENT}-01-more`, `01-${TRACE}-${PARENT}-01more`,
      `00-${'0'.repeat(32)}-${PARENT}-01`, `00-${TRACE}-${'0'.repeat(16)}-01`, `00-${TRACE.toUpperCase()}-${PARENT}-01`,
      `00-${TRACE}-${PARENT}-0g`, `0-${TRACE}-${PARENT}-01`, `00-${TRACE}x-${PARENT}-01`, `00-${TRACE}-${PARENT}-01, 00-${TRACE}-${PARENT}-01`,
    ]) {
      expect(parseTraceparent(header), String(header)).to.equal(undefined);
    }
  });

  it('continues a trace with a new span of its own, or starts one; passes tracestate on only with a valid parent', () => {
    const continued = traceFrom(`00-${TRACE}-${PARENT}-00`, 'vendor=abc');
    expect(continued).to.include({ traceId: TRACE, flags: '00', state: 'vendor=abc' });
    expect(continued.spanId).to.match(/^[0-9a-f]{16}$/).and.not.equal(PARENT);
    expect(traceHeaders(continued)).to.deep.equal({ traceparent: `00-${TRACE}-${continued.spanId}-00`, tracestate: 'vendor=abc' });
    const started = traceFrom('garbage', 'vendor=abc');
    expect(started.traceId).to.match(/^[0-9a-f]{32}$/).and.not.equal(TRACE);
    expect(started).to.include({ flags: '01', state: undefined });
    const ids = new Set(Array.from({ length: 2000 }, () => traceFrom(undefined).traceId));
    expect(ids.size).to.equal(2000);
  });

  it('keeps the trace across awaits, and gives work outside any trace a fresh one to send', async () => {
    const trace = traceFrom(undefined);
    await runInTrace(trace, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentTrace()).to.equal(trace);
      expect(traceHeaders().traceparent).to.equal(`00-${trace.traceId}-${trace.spanId}-01`);
    });
    expect(currentTrace()).to.equal(undefined);
    expect(traceHeaders().traceparent).to.match(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/).and.not.include(trace.traceId);
  });

  it('logs the trace id on every line logged inside a trace, and no stale field on lines outside one', () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger('info', new Writable({ write(chunk, _encoding, done) { lines.push(JSON.parse(String(chunk))); done(); } }));
    logger.info({ first: 1 }, 'outside');
    const trace = traceFrom(undefined);
    runInTrace(trace, () => logger.warn({ second: 2 }, 'inside'));
    logger.info('outside again');
    expect(lines.map(({ msg, trace_id: id, first, second }) => ({ msg, id, first, second }))).to.deep.equal([
      { msg: 'outside', id: undefined, first: 1, second: undefined },
      { msg: 'inside', id: trace.traceId, first: undefined, second: 2 },
      { msg: 'outside again', id: undefined, first: undefined, second: undefined },
    ]);
  });
});
