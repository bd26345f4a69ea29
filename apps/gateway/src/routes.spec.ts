import 'reflect-metadata';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { PUBLIC_KEY, ROLES_KEY } from './auth/roles.decorator';
import { HealthController } from './health/health.controller';
import { CandidatesController } from './routes/candidates.controller';
import { EmployersController } from './routes/employers.controller';
import { MatchesController } from './routes/matches.controller';
import { MeController } from './routes/me.controller';
import { OpeningsController } from './routes/openings.controller';
import { TaxonomyController } from './routes/taxonomy.controller';

const controllers = [
  HealthController,
  CandidatesController,
  EmployersController,
  OpeningsController,
  MeController,
  MatchesController,
  TaxonomyController,
];

describe('gateway routes', () => {
  it('every route declares its roles or is explicitly public', () => {
    const undeclared: string[] = [];
    for (const ctrl of controllers) {
      for (const name of Object.getOwnPropertyNames(ctrl.prototype)) {
        const handler = (ctrl.prototype as unknown as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined)
          continue;
        const roles = (Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, ctrl)) as
          string[] | undefined;
        const isPublic = Reflect.getMetadata(PUBLIC_KEY, handler) === true;
        if (!isPublic && !roles?.length) undeclared.push(`${ctrl.name}.${name}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('only the health endpoints are public', () => {
    const publicRoutes = controllers.flatMap((ctrl) =>
      Object.getOwnPropertyNames(ctrl.prototype)
        .filter((name) =>
          Reflect.getMetadata(PUBLIC_KEY, (ctrl.prototype as unknown as Record<string, object>)[name]),
        )
        .map((name) => `${ctrl.name}.${name}`),
    );
    expect(publicRoutes).toEqual(['HealthController.get', 'HealthController.live']);
  });
});
