import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  CreateEmployerDto,
  CreateOpeningCommand,
  IdDto,
  Patterns,
  type PingReply,
} from '@brobygger/contracts';
import { pingReply } from '@brobygger/persistence';
import { RpcData } from '@brobygger/platform';
import { EmployersService } from './employers.service';

@Controller()
export class EmployersController {
  constructor(
    private readonly employers: EmployersService,
    private readonly orm: MikroORM,
  ) {}

  @MessagePattern(Patterns.employers.ping)
  ping(): Promise<PingReply> {
    return pingReply('employers', this.orm);
  }

  @MessagePattern(Patterns.employers.create)
  create(@RpcData() dto: CreateEmployerDto) {
    return this.employers.createEmployer(dto);
  }

  @MessagePattern(Patterns.employers.get)
  get(@RpcData() { id }: IdDto) {
    return this.employers.getEmployer(id);
  }

  @MessagePattern(Patterns.employers.createOpening)
  createOpening(@RpcData() cmd: CreateOpeningCommand) {
    return this.employers.createOpening(cmd.employerId, cmd.opening);
  }

  @MessagePattern(Patterns.employers.getOpening)
  getOpening(@RpcData() { id }: IdDto) {
    return this.employers.getOpening(id);
  }

  @MessagePattern(Patterns.employers.publishOpening)
  publish(@RpcData() { id }: IdDto) {
    return this.employers.publishOpening(id);
  }

  @MessagePattern(Patterns.employers.openingRequirements)
  requirements(@RpcData() { id }: IdDto) {
    return this.employers.openingRequirements(id);
  }
}
