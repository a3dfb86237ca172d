import { Writable } from 'node:stream';
import { RequestContext } from 'src/common/http/request-context';
import { JsonLogger } from 'src/common/logging/json-logger';

function capture(): { logger: JsonLogger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });

  return {
    logger: new JsonLogger('debug', sink),
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe(JsonLogger.name, () => {
  it('writes JSON with the context and the request correlation id', () => {
    const { logger, lines } = capture();
    RequestContext.run({ correlationId: 'corr-1' }, () =>
      logger.log('Created user 42', 'UsersService'),
    );

    expect(lines()[0]).toMatchObject({
      msg: 'Created user 42',
      context: 'UsersService',
      correlation_id: 'corr-1',
    });
  });

  it('redacts secrets wherever they sit in a logged object', () => {
    const { logger, lines } = capture();
    logger.warn({
      headers: { authorization: 'Bearer abc' },
      client_secret: 's3cr3t',
      nested: { token: 't0k' },
    });
    const text = JSON.stringify(lines());

    expect(text).not.toMatch(/abc|s3cr3t|t0k/);
    expect(text).toContain('[redacted]');
  });
});
