import { expect } from 'chai';
import { ActivationResource } from '../../resources/activation.resource.ts';
import { RecipeCollectionResource } from '../../resources/recipe-collection.resource.ts';
import { RecipeResource, type RecipeView } from '../../resources/recipe.resource.ts';
import { RootResource } from '../../resources/root.resource.ts';
import { EmailConfirmationResource } from '../../resources/email-confirmation.resource.ts';
import { PasswordResetResource } from '../../resources/password-reset.resource.ts';
import { SessionCollectionResource, SessionResource } from '../../resources/session.resource.ts';
import { UserResource } from '../../resources/user.resource.ts';
import type { Caller } from '../../src/core/caller.ts';
import { Uris } from '../../src/core/uris.ts';
import { RecipeService } from '../../src/recipes/recipe.service.ts';
import { SessionService } from '../../src/tokens/session.service.ts';
import { TokenService } from '../../src/tokens/token.service.ts';
import { AccountService } from '../../src/users/account.service.ts';
import { EmailChangeService } from '../../src/users/email-change.service.ts';
import { hashPassword } from '../../src/users/passwords.ts';
import { UserService } from '../../src/users/user.service.ts';
import { attempt, fake, inMemoryTx, offers, type Outcome } from '../support/actions.ts';

const uris = new Uris();
const OWNER: Caller = { id: 1, username: 'owner' };
const OTHER: Caller = { id: 2, username: 'other' };
const CALLERS = { owner: OWNER, other: OTHER, anonymous: null } as const;
type Who = keyof typeof CALLERS;
const WHO = Object.keys(CALLERS) as Who[];
const none = () => undefined;

function recipe(isPublish: boolean): RecipeView {
  const at = new Date('2026-12-01T10:00:00Z');
  return {
    id: 7, name: 'Soup', description: '', numOfServings: 2, cookTime: 10, ingredients: '', directions: '', isPublish,
    cover: null, createdAt: at, updatedAt: at, version: 3, user: { id: OWNER.id, username: OWNER.username },
  };
}

/** A RecipeService on a repository that holds one recipe in memory: the rules only, no database (API tests cover that). */
function recipeService(state: RecipeView): RecipeService {
  const entity = () => ({ ...state });
  const users = fake({ findById: async (id: number) => ({ id }) });
  const repository = fake({
    findForUpdate: async () => entity(), findById: async () => entity(), findSummary: async () => entity(), flush: none, remove: none,
    create: (user: unknown, values: object) => ({ ...values, id: 8, user }),
  });
  return new RecipeService(repository, users, inMemoryTx);
}

const ALL_DONE: Record<string, Outcome> = { view: 'done', edit: 'done', delete: 'done', publish: 'done', unpublish: 'done', cover: 'done' };

describe('actions: one declaration decides the template, the route and the check (issue 16)', () => {
  const expected: Record<`${Who}/${'draft' | 'published'}`, { offers: string[]; service: Record<string, Outcome> }> = {
    'owner/draft': { offers: ['delete', 'edit', 'edit-media', 'publish'], service: ALL_DONE },
    'owner/published': { offers: ['delete', 'edit', 'edit-media', 'unpublish'], service: ALL_DONE },
    'other/draft': { offers: [], service: { view: 404, edit: 404, delete: 404, publish: 404, unpublish: 404, cover: 404 } },
    'other/published': { offers: [], service: { view: 'done', edit: 403, delete: 403, publish: 403, unpublish: 403, cover: 403 } },
    'anonymous/draft': { offers: [], service: { view: 404, edit: 401, delete: 401, publish: 401, unpublish: 401, cover: 401 } },
    'anonymous/published': { offers: [], service: { view: 'done', edit: 401, delete: 401, publish: 401, unpublish: 401, cover: 401 } },
  };

  for (const [key, want] of Object.entries(expected)) {
    const [who, state] = key.split('/') as [Who, 'draft' | 'published'];
    it(`a recipe, ${who} × ${state}: offers exactly ${want.offers.join(', ') || 'nothing'}, and the service refuses exactly the rest`, async () => {
      const view = recipe(state === 'published');
      const caller = CALLERS[who];
      expect(offers(new RecipeResource({ uris, caller }, view))).to.deep.equal(want.offers);
      const service = recipeService(view);
      const outcomes = {
        view: await attempt(() => service.view(caller, 7)),
        edit: await attempt(() => service.edit(caller, 7, { name: 'Changed' }, none)),
        delete: await attempt(() => service.delete(caller, 7, none)),
        publish: await attempt(() => service.setPublished(caller, 7, true, none)),
        unpublish: await attempt(() => service.setPublished(caller, 7, false, none)),
        cover: await attempt(() => service.setCover(caller, 7, null, none)),
      };
      expect(outcomes).to.deep.equal(want.service);
      // Every offered template names an action the service carries out.
      for (const name of want.offers.filter((o) => o !== 'edit-media')) expect(outcomes[name as keyof typeof outcomes], name).to.equal('done');
    });
  }

  it('a recipe collection: search for all; create is offered on /recipes to anyone logged in, on a user\'s list to that user only; '
    + 'the service refuses anonymous callers', async () => {
    const list = (owner?: Caller) => ({
      items: [], total: 0, page: 1, perPage: 20, query: {}, revision: 1, ...(owner && { owner: { ...owner, shown: 'public' as const } }),
    });
    const templates = (caller: Caller | null, owner?: Caller) => offers(new RecipeCollectionResource({ uris, caller }, list(owner)));
    expect(WHO.map((who) => templates(CALLERS[who]))).to.deep.equal([['create', 'search'], ['create', 'search'], ['search']]);
    expect(WHO.map((who) => templates(CALLERS[who], OWNER))).to.deep.equal([['create', 'search'], ['search'], ['search']]);
    const service = recipeService(recipe(false));
    expect(await Promise.all(WHO.map((who) => attempt(() => service.create(CALLERS[who], { name: 'New' }))))).to.deep.equal(['done', 'done', 401]);
  });

  it('a user: edit-media and the drafts link for the user themself only; the avatar service refuses others (403) and anonymous callers (401)', async () => {
    const user = { id: OWNER.id, username: 'owner', email: 'o@example.test', avatar: null, createdAt: new Date(), updatedAt: new Date(), version: 1 };
    expect(WHO.map((who) => offers(new UserResource({ uris, caller: CALLERS[who] }, user)))).to.deep.equal([
      ['change-email', 'change-password', 'delete-account', 'drafts', 'edit-media', 'sessions'], [], [],
    ]);
    const users = fake({ findByUsernameForUpdate: async () => ({ ...user, isActive: true }), findById: async (id: number) => ({ ...user, id }) });
    const service = new UserService({
      tx: inMemoryTx, users, activationTokens: fake({}), outbox: fake({}), activationUrl: String, mailQueued: none, links: fake({}),
    });
    const avatar = (caller: Caller | null) => attempt(() => service.setAvatar(caller, 'owner', null, none));
    expect(await Promise.all(WHO.map((who) => avatar(CALLERS[who])))).to.deep.equal(['done', 403, 401]);
    expect(await Promise.all(WHO.map((who) => attempt(() => service.own(CALLERS[who]))))).to.deep.equal(['done', 'done', 401]);
  });

  it('the root: forgot-password, register, resend-activation and login for anonymous callers, logout for the logged in, refresh and search for all; '
    + 'logout refuses anonymous callers', async () => {
    expect(WHO.map((who) => offers(new RootResource({ uris, caller: CALLERS[who] }, '1')))).to.deep.equal([
      ['logout', 'refresh', 'search'], ['logout', 'refresh', 'search'], ['forgot-password', 'login', 'refresh', 'register', 'resend-activation', 'search'],
    ]);
    const refreshTokens = fake({ findByHash: async () => null });
    const revoked = fake({ revokeFamily: none, revoke: none });
    const tokens = new TokenService({ tx: inMemoryTx, users: fake({}), refreshTokens, accessTokens: fake({ ttlSeconds: 900 }), revoked });
    expect(await Promise.all(WHO.map((who) => attempt(() => tokens.logout('token', CALLERS[who]))))).to.deep.equal(['done', 'done', 401]);
  });

  it('an activation: activate is offered to anybody while it is pending, and to nobody once it is done', () => {
    const activation = (done: boolean, caller: Caller | null) => offers(new ActivationResource({ uris, caller }, 'token', 'owner', done));
    expect(WHO.map((who) => activation(false, CALLERS[who]))).to.deep.equal([['activate'], ['activate'], ['activate']]);
    expect(WHO.map((who) => activation(true, CALLERS[who]))).to.deep.equal([[], [], []]);
  });

  it('a user\'s account (issue 18): change-password, change-email and delete-account run for the user themself; others 403, anonymous 401', async () => {
    const passwordHash = await hashPassword('the right password');
    const account = { id: OWNER.id, username: 'owner', email: 'o@example.test', passwordHash, isActive: true };
    const accounts = fake({ activeByUsername: async () => account, setPassword: none, erase: async () => ({ recipes: [], avatar: null }) });
    const deps = { tx: inMemoryTx, accounts, outbox: fake({ enqueue: none }), sessions: fake({ endSessions: none }), mailQueued: none };
    const settings = new AccountService(deps);
    const emails = new EmailChangeService({ ...deps, tokens: fake({}), links: fake({ ownerOf: async () => null, send: none }) });
    const password = 'the right password';
    const tries = {
      'change-password': (caller: Caller | null) =>
        settings.changePassword(caller, 'owner', { current_password: password, new_password: 'a brand new passphrase here' }),
      'change-email': (caller: Caller | null) => emails.request(caller, 'owner', { current_password: password, new_email: 'new@example.test' }),
      'delete-account': (caller: Caller | null) => settings.deleteAccount(caller, 'owner', password),
    };
    for (const [name, run] of Object.entries(tries)) {
      expect(await Promise.all(WHO.map((who) => attempt(() => run(CALLERS[who])))), name).to.deep.equal(['done', 403, 401]);
    }
    expect(await attempt(() => settings.deleteAccount(OWNER, 'owner', 'a wrong password')), 'wrong password').to.equal(403);
  });

  it('sessions (issue 18): revoke on each and revoke-others (always, API.md §3a) for the user themself only; the service refuses the rest', async () => {
    const at = new Date();
    const session = (id: number, current: boolean) => ({ id, familyId: `f${id}`, userAgent: 'ua', createdAt: at, lastUsedAt: at, current });
    const owner = { id: OWNER.id, username: 'owner' };
    const collection = (caller: Caller | null, items = [session(1, true), session(2, false)]) =>
      offers(new SessionCollectionResource({ uris, caller }, owner, items));
    expect(WHO.map((who) => collection(CALLERS[who]))).to.deep.equal([['revoke-others'], [], []]);
    expect(collection(OWNER, [session(1, true)]), 'no other session: still offered (API.md §3a)').to.deep.equal(['revoke-others']);
    expect(WHO.map((who) => offers(new SessionResource({ uris, caller: CALLERS[who] }, owner, session(2, false))))).to.deep.equal([['revoke'], [], []]);
    const users = fake({ findByUsername: async () => ({ id: OWNER.id, username: 'owner', isActive: true }) });
    const repository = fake({ live: async () => [], liveOne: async () => session(2, false), end: async () => ['f2'] });
    const service = new SessionService({ tx: inMemoryTx, users, sessions: repository, revoked: fake({ revokeFamily: none }), accessTokenTtl: 900 });
    const calls = {
      list: (caller: Caller | null) => service.list(caller, 'owner'), view: (caller: Caller | null) => service.view(caller, 'owner', 2),
      revoke: (caller: Caller | null) => service.revoke(caller, 'owner', 2), others: (caller: Caller | null) => service.revokeOthers(caller, 'owner'),
    };
    for (const [name, run] of Object.entries(calls)) {
      expect(await Promise.all(WHO.map((who) => attempt(() => run(CALLERS[who])))), name).to.deep.equal(['done', 403, 401]);
    }
  });

  it('emailed links (issue 18): reset-password and confirm-email are offered to anybody while pending, and to nobody once used', () => {
    const reset = (done: boolean, caller: Caller | null) => offers(new PasswordResetResource({ uris, caller }, 'token', 'owner', done));
    const change = { username: 'owner', email: 'n@x.test' };
    const confirm = (done: boolean, caller: Caller | null) => offers(new EmailConfirmationResource({ uris, caller }, 'token', change, done));
    const both = (done: boolean, who: Who) => [...reset(done, CALLERS[who]), ...confirm(done, CALLERS[who])];
    expect(WHO.map((who) => both(false, who))).to.deep.equal(Array(3).fill(['reset-password', 'confirm-email']));
    expect(WHO.map((who) => both(true, who))).to.deep.equal([[], [], []]);
  });
});
