import { LockMode, sql, type EntityManager } from '@mikro-orm/postgresql';
import { UserSchema, type User } from './user.entity.ts';

/** Users, looked up case-insensitively by username or email (matching the lower() unique indexes). */
export class UserRepository {
  constructor(private readonly em: () => EntityManager) {}

  findByUsername(username: string): Promise<User | null> {
    return this.em().findOne(UserSchema, { [sql.lower('username')]: username.toLowerCase() });
  }

  /** By username, its row locked for the rest of the transaction (read fresh): for changes such as the avatar. */
  findByUsernameForUpdate(username: string): Promise<User | null> {
    return this.em().findOne(
      UserSchema, { [sql.lower('username')]: username.toLowerCase() }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
  }

  findById(id: number): Promise<User | null> {
    return this.em().findOne(UserSchema, { id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.em().findOne(UserSchema, { [sql.lower('email')]: email.toLowerCase() });
  }

  /** For login: by username or email. */
  findForLogin(login: string): Promise<User | null> {
    const value = login.toLowerCase();
    return this.em().findOne(
      UserSchema,
      { $or: [{ [sql.lower('username')]: value }, { [sql.lower('email')]: value }] },
    );
  }

  create(data: { username: string; email: string; passwordHash: string }): User {
    return this.em().create(UserSchema, { ...data, isActive: false, avatar: null } as never);
  }
}
