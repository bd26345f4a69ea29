import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  AcknowledgeFlagsCommand,
  ChangePartnershipCommand,
  CloseOpeningCommand,
  ContactCommand,
  ContactIdCommand,
  CreateEmployerDto,
  CreateOpeningCommand,
  EmployerListQuery,
  EmployerPageQuery,
  IdDto,
  SuggestForDraftDto,
  InteractionCommand,
  OpeningListQuery,
  Patterns,
  UpdateContactCommand,
  UpdateEmployerCommand,
  UpdateOpeningCommand,
  type PingReply,
} from '@brobygger/contracts';
import { pingReply } from '@brobygger/persistence';
import { RpcData } from '@brobygger/platform';
import { EmployersService } from './employers.service';
import { OpeningsService } from './openings.service';

@Controller()
export class EmployersController {
  constructor(
    private readonly employers: EmployersService,
    private readonly openings: OpeningsService,
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

  @MessagePattern(Patterns.employers.list)
  list(@RpcData() q: EmployerListQuery) {
    return this.employers.listEmployers(q);
  }

  @MessagePattern(Patterns.employers.update)
  update(@RpcData() { id, patch }: UpdateEmployerCommand) {
    return this.employers.updateEmployer(id, patch);
  }

  @MessagePattern(Patterns.employers.changePartnership)
  changePartnership(@RpcData() { id, change }: ChangePartnershipCommand) {
    return this.employers.changePartnership(id, change);
  }

  @MessagePattern(Patterns.employers.addContact)
  addContact(@RpcData() { employerId, contact }: ContactCommand) {
    return this.employers.addContact(employerId, contact);
  }

  @MessagePattern(Patterns.employers.updateContact)
  updateContact(@RpcData() { employerId, contactId, contact }: UpdateContactCommand) {
    return this.employers.updateContact(employerId, contactId, contact);
  }

  @MessagePattern(Patterns.employers.removeContact)
  async removeContact(@RpcData() { employerId, contactId }: ContactIdCommand) {
    await this.employers.removeContact(employerId, contactId);
    return { removed: contactId };
  }

  @MessagePattern(Patterns.employers.addInteraction)
  addInteraction(@RpcData() { employerId, interaction }: InteractionCommand) {
    return this.employers.addInteraction(employerId, interaction);
  }

  @MessagePattern(Patterns.employers.interactions)
  interactions(@RpcData() { employerId, limit, offset }: EmployerPageQuery) {
    return this.employers.interactions(employerId, { limit, offset });
  }

  @MessagePattern(Patterns.employers.createOpening)
  createOpening(@RpcData() cmd: CreateOpeningCommand) {
    return this.openings.create(cmd.employerId, cmd.opening);
  }

  @MessagePattern(Patterns.employers.getOpening)
  getOpening(@RpcData() { id }: IdDto) {
    return this.openings.get(id);
  }

  @MessagePattern(Patterns.employers.listOpenings)
  listOpenings(@RpcData() q: OpeningListQuery) {
    return this.openings.list(q);
  }

  @MessagePattern(Patterns.employers.updateOpening)
  updateOpening(@RpcData() { id, patch }: UpdateOpeningCommand) {
    return this.openings.update(id, patch);
  }

  @MessagePattern(Patterns.employers.publishOpening)
  publish(@RpcData() { id }: IdDto) {
    return this.openings.publish(id);
  }

  @MessagePattern(Patterns.employers.closeOpening)
  close(@RpcData() { id, close }: CloseOpeningCommand) {
    return this.openings.close(id, close);
  }

  @MessagePattern(Patterns.employers.acknowledgeFlags)
  acknowledge(@RpcData() { id, ack }: AcknowledgeFlagsCommand) {
    return this.openings.acknowledge(id, ack.keys, ack.note);
  }

  @MessagePattern(Patterns.employers.suggestions)
  suggestions(@RpcData() { id }: IdDto) {
    return this.openings.suggestions(id);
  }

  @MessagePattern(Patterns.employers.suggestForDraft)
  suggestForDraft(@RpcData() draft: SuggestForDraftDto) {
    return this.openings.suggestForDraft(draft);
  }

  @MessagePattern(Patterns.employers.openingRequirements)
  requirements(@RpcData() { id }: IdDto) {
    return this.openings.requirements(id);
  }
}
