import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Forbidden, Unauthenticated, type Actor, type Role } from '@brobygger/contracts';
import { CONFIG, requestContext, verifyAccessToken } from '@brobygger/platform';
import type { GatewayConfig } from '../config';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/** Admins may do whatever staff may do. */
function allowed(actor: Actor, roles: Role[]): boolean {
  return roles.includes(actor.role) || (actor.role === 'admin' && roles.includes('staff'));
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CONFIG) private readonly config: GatewayConfig,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const header = ctx.switchToHttp().getRequest<Request>().headers.authorization;
    const token = header?.match(/^Bearer (.+)$/i)?.[1];
    if (!token) throw new Unauthenticated('Missing bearer token (Authorization: Bearer <token>)');
    const actor = verifyAccessToken(token, this.config.JWT_SECRET);
    if (!actor) throw new Unauthenticated('Invalid or expired token');

    const store = requestContext.get();
    if (store) store.actor = actor;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles?.length) throw new Forbidden('This route has no role assigned');
    if (!allowed(actor, roles)) throw new Forbidden(`This route needs the role ${roles.join(' or ')}`);
    return true;
  }
}

/** The authenticated actor of the current request (set by AuthGuard). */
export function currentActor(): Actor {
  const actor = requestContext.get()?.actor;
  if (!actor) throw new Unauthenticated('Not authenticated');
  return actor;
}
