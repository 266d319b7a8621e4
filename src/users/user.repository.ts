import { LockMode, sql, type EntityManager } from '@mikro-orm/postgresql';
import { plainRows } from '../db/plain-sql.ts';
import { livePendingSql } from './pending-accounts.ts';
import { UserEntity, type User } from './user.entity.ts';

/** An account as a login sees it. */
export interface LoginRecord {
  id: number;
  username: string;
  passwordHash: string;
  isActive: boolean;
}

/** Users, looked up case-insensitively by username or email (matching the lower() unique indexes). */
export class UserRepository {
  constructor(private readonly em: () => EntityManager) {}

  findByUsername(username: string): Promise<User | null> {
    return this.em().findOne(UserEntity, { [sql.lower('username')]: username.toLowerCase() });
  }

  /** By username, its row locked for the rest of the transaction (read fresh): for changes such as the avatar. */
  findByUsernameForUpdate(username: string): Promise<User | null> {
    return this.em().findOne(
      UserEntity, { [sql.lower('username')]: username.toLowerCase() }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
  }

  findById(id: number): Promise<User | null> {
    return this.em().findOne(UserEntity, { id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.em().findOne(UserEntity, { [sql.lower('email')]: email.toLowerCase() });
  }

  /** What a login needs of the account named by username or email (any letter case): one plain query, no entity. */
  async findForLogin(login: string): Promise<LoginRecord | null> {
    const value = login.toLowerCase();
    const rows = await plainRows<{ id: number; username: string; password_hash: string; is_active: boolean }>(
      this.em(),
      `select id, username, password_hash, is_active from users
         where (lower(username) = ? or lower(email) = ?) and ${livePendingSql()} limit 1`,
      [value, value],
    );
    const row = rows[0];
    return row ? { id: row.id, username: row.username, passwordHash: row.password_hash, isActive: row.is_active } : null;
  }

  /** Deletes an account now (its tokens go with it: on delete cascade), in the current transaction. */
  async delete(user: User): Promise<void> {
    this.em().remove(user);
    await this.em().flush();
  }

  create(data: { username: string; email: string; passwordHash: string }): User {
    return this.em().create(UserEntity, { ...data, isActive: false, avatar: null } as never);
  }
}
