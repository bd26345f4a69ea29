import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ChangePartnershipDto,
  ContactDto,
  ContactPatchDto,
  CreateEmployerDto,
  CreateInteractionDto,
  CreateOpeningDto,
  EmployerListQuery,
  OpeningListQuery,
  PageQueryDto,
  Patterns,
  UpdateEmployerDto,
  type ContactView,
  type EmployerView,
  type InteractionView,
  type OpeningView,
  type Page,
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
  @ApiOperation({
    summary: 'Register an employer (organisation number checked with MOD11); starts as a prospect',
  })
  create(@Body() dto: CreateEmployerDto): Promise<EmployerView> {
    return this.rpc.call(Patterns.employers.create, dto);
  }

  @Get()
  @Roles('staff')
  list(@Query() q: EmployerListQuery): Promise<Page<EmployerView>> {
    return this.rpc.call(Patterns.employers.list, q);
  }

  /** Employer users may read their own employer only (checked by the employers service). */
  @Get(':id')
  @Roles('staff', 'employer')
  get(@UuidParam() id: string): Promise<EmployerView> {
    return this.rpc.call(Patterns.employers.get, { id });
  }

  @Patch(':id')
  @Roles('staff')
  update(@UuidParam() id: string, @Body() patch: UpdateEmployerDto): Promise<EmployerView> {
    return this.rpc.call(Patterns.employers.update, { id, patch });
  }

  @Post(':id/partnership')
  @HttpCode(200)
  @Roles('staff')
  @ApiOperation({ summary: 'Change the partnership status (with why), agreement period and commitments' })
  changePartnership(@UuidParam() id: string, @Body() change: ChangePartnershipDto): Promise<EmployerView> {
    return this.rpc.call(Patterns.employers.changePartnership, { id, change });
  }

  @Get(':id/contacts')
  @Roles('staff', 'employer')
  async contacts(@UuidParam() id: string): Promise<ContactView[]> {
    return (await this.rpc.call<EmployerView>(Patterns.employers.get, { id })).contacts;
  }

  @Post(':id/contacts')
  @HttpCode(201)
  @Roles('staff', 'employer')
  addContact(@UuidParam() employerId: string, @Body() contact: ContactDto): Promise<ContactView> {
    return this.rpc.call(Patterns.employers.addContact, { employerId, contact });
  }

  @Patch(':id/contacts/:contactId')
  @Roles('staff', 'employer')
  updateContact(
    @UuidParam() employerId: string,
    @UuidParam('contactId') contactId: string,
    @Body() contact: ContactPatchDto,
  ): Promise<ContactView> {
    return this.rpc.call(Patterns.employers.updateContact, { employerId, contactId, contact });
  }

  @Delete(':id/contacts/:contactId')
  @HttpCode(204)
  @Roles('staff', 'employer')
  async removeContact(
    @UuidParam() employerId: string,
    @UuidParam('contactId') contactId: string,
  ): Promise<void> {
    await this.rpc.call(Patterns.employers.removeContact, { employerId, contactId });
  }

  @Get(':id/interactions')
  @Roles('staff')
  interactions(@UuidParam() employerId: string, @Query() page: PageQueryDto): Promise<Page<InteractionView>> {
    return this.rpc.call(Patterns.employers.interactions, {
      employerId,
      limit: page.limit,
      offset: page.offset,
    });
  }

  @Post(':id/interactions')
  @HttpCode(201)
  @Roles('staff')
  addInteraction(
    @UuidParam() employerId: string,
    @Body() interaction: CreateInteractionDto,
  ): Promise<InteractionView> {
    return this.rpc.call(Patterns.employers.addInteraction, { employerId, interaction });
  }

  @Get(':id/openings')
  @Roles('staff', 'employer')
  openings(@UuidParam() employer: string, @Query() q: OpeningListQuery): Promise<Page<OpeningView>> {
    return this.rpc.call(Patterns.employers.listOpenings, { ...q, employer });
  }

  @Post(':id/openings')
  @HttpCode(201)
  @Roles('staff', 'employer')
  createOpening(@UuidParam() employerId: string, @Body() opening: CreateOpeningDto): Promise<OpeningView> {
    return this.rpc.call(Patterns.employers.createOpening, { employerId, opening });
  }
}
