import { SetMetadata } from '@nestjs/common';
import type { Role } from '@brobygger/contracts';

export const ROLES_KEY = 'brobygger:roles';
export const PUBLIC_KEY = 'brobygger:public';

/** The roles that may call a route. A route with neither @Roles nor @Public is refused (fail closed). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
export const Public = () => SetMetadata(PUBLIC_KEY, true);
