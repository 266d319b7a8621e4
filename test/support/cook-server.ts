import { createUser, type TestUser } from './accounts.ts';
import { recipesOf } from './recipes.ts';
import { startTestServer, type TestServer, type TestServerOptions } from './test-server.ts';

/** A test server with one logged-in cook and the `create` target found from their recipes: the set-up of most recipe-writing suites. */
export async function startWithCook(options: TestServerOptions = {}): Promise<{ server: TestServer; cook: TestUser; create: string }> {
  const server = await startTestServer(options);
  const cook = await createUser(server);
  return { server, cook, create: (await recipesOf(cook)).action('create').uri };
}
