import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import {
  AddGlossaryEntryDto,
  GlossaryQueryDto,
  Patterns,
  UpdateGlossaryEntryCommand,
} from '@brobygger/contracts';
import { RpcData } from '@brobygger/platform';
import { GlossaryService } from './glossary.service';

@Controller()
export class GlossaryController {
  constructor(private readonly glossary: GlossaryService) {}

  @MessagePattern(Patterns.taxonomy.listGlossary)
  list(@RpcData() q: GlossaryQueryDto) {
    return this.glossary.list(q);
  }

  @MessagePattern(Patterns.taxonomy.addGlossaryEntry)
  add(@RpcData() dto: AddGlossaryEntryDto) {
    return this.glossary.add(dto);
  }

  @MessagePattern(Patterns.taxonomy.updateGlossaryEntry)
  update(@RpcData() cmd: UpdateGlossaryEntryCommand) {
    return this.glossary.update(cmd);
  }
}
