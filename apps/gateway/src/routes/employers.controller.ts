import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CreateEmployerDto,
  CreateOpeningDto,
  Patterns,
  type EmployerView,
  type OpeningView,
} from '@brobygger/contracts';
import { RpcCaller } from '@brobygger/platform';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../http/params';

@ApiTags('employers')
@ApiBearerAuth()
@Controller('api/v1/employers')
export class EmployersController {
  constructor(private readonly rpc: RpcCaller) {}

  @Post()
  @HttpCode(201)
  @Roles('staff')
  create(@Body() dto: CreateEmployerDto): Promise<EmployerView> {
    return this.rpc.call(Patterns.employers.create, dto);
  }

  /** Employer users may read their own employer only (checked by the employers service). */
  @Get(':id')
  @Roles('staff', 'employer')
  get(@UuidParam() id: string): Promise<EmployerView> {
    return this.rpc.call(Patterns.employers.get, { id });
  }

  @Post(':id/openings')
  @HttpCode(201)
  @Roles('staff', 'employer')
  createOpening(@UuidParam() employerId: string, @Body() opening: CreateOpeningDto): Promise<OpeningView> {
    return this.rpc.call(Patterns.employers.createOpening, { employerId, opening });
  }
}
