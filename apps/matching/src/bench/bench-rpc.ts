/**
 * The two questions a matching worker asks other services while it scores an opening, answered from the
 * benchmark's memory: the opening's requirements (the employers service) and the neighbours of its skills
 * (the taxonomy service, here computed in-process from data/taxonomy exactly as the taxonomy import computes
 * the rows it serves). The answers travel over the same Redis transport as in production, so each job pays
 * the real round trip; only the other services' database reads are left out.
 */
import { Controller, type DynamicModule, Inject, Module } from '@nestjs/common';
import type { INestMicroservice } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import {
  IdDto,
  Patterns,
  RelatedSkillsQuery,
  type OpeningRequirements,
  type SkillNeighbour,
} from '@brobygger/contracts';
import { bootstrapRpcService, RpcData, type CommonConfig, type Logger } from '@brobygger/platform';

export interface BenchAnswers {
  opening: OpeningRequirements;
  /** Neighbour rows by skill id, in the order the taxonomy service returns them. */
  neighbours: ReadonlyMap<string, readonly SkillNeighbour[]>;
}

const ANSWERS = Symbol('bench answers');

@Controller()
class BenchAnswersController {
  constructor(@Inject(ANSWERS) private readonly answers: BenchAnswers) {}

  @MessagePattern(Patterns.employers.openingRequirements)
  openingRequirements(@RpcData() { id }: IdDto): OpeningRequirements | null {
    return id === this.answers.opening.openingId ? this.answers.opening : null;
  }

  @MessagePattern(Patterns.taxonomy.relatedSkills)
  relatedSkills(@RpcData() { skillIds }: RelatedSkillsQuery): SkillNeighbour[] {
    return skillIds.flatMap((id) => this.answers.neighbours.get(id) ?? []);
  }
}

@Module({})
class BenchAnswersModule {
  static forRoot(answers: BenchAnswers): DynamicModule {
    return {
      module: BenchAnswersModule,
      controllers: [BenchAnswersController],
      providers: [{ provide: ANSWERS, useValue: answers }],
    };
  }
}

/** Starts answering on the deployment's RPC channels; close it when the benchmark ends. */
export function answerForOtherServices(
  answers: BenchAnswers,
  config: CommonConfig,
  logger: Logger,
): Promise<INestMicroservice> {
  // The name only labels log lines; the patterns decide what is answered.
  return bootstrapRpcService('employers', BenchAnswersModule.forRoot(answers), config, logger);
}
