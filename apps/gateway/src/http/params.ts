import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ValidationFailed } from '@brobygger/contracts';

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => new ValidationFailed([{ field: name, messages: [`${name} must be a UUID`] }]),
    }),
  );
