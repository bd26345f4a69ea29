import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Queue } from 'bullmq';
import pino from 'pino';
import { Patterns, type CandidateNotificationProfile, type ServiceName } from '@brobygger/contracts';
import {
  bootstrapRpcService,
  bullPrefix,
  commonEnv,
  loadConfig,
  redisOptions,
  RpcData,
} from '@brobygger/platform';
import type { Isolation } from '@brobygger/testing';

/** Plays another service at the RPC edge: a Nest module of @MessagePattern handlers on this test's Redis. */
export function startFakeService(
  iso: Isolation,
  name: ServiceName,
  module: unknown,
): Promise<INestMicroservice> {
  const config = loadConfig(commonEnv, { REDIS_URL: iso.redisUrl, REDIS_PREFIX: iso.redisPrefix });
  return bootstrapRpcService(name, module, config, pino({ level: 'silent' }));
}

/** A BullMQ queue under this test's prefix, to add jobs or look at them; close it after the tests. */
export function testQueue(iso: Isolation, name: string): Queue {
  return new Queue(name, { connection: redisOptions(iso.redisUrl), prefix: bullPrefix(iso.redisPrefix) });
}

/** What the fake candidates service answers about how to reach a candidate: a test fills it. */
export const notificationProfiles = new Map<string, CandidateNotificationProfile>();

@Controller()
class FakeNotificationProfiles {
  @MessagePattern(Patterns.candidates.notificationProfile)
  profile(@RpcData() { id }: { id: string }) {
    return notificationProfiles.get(id) ?? null;
  }
}

/** The candidates service as notifications ask it (start it as 'candidates'). */
@Module({ controllers: [FakeNotificationProfiles] })
export class FakeNotificationProfilesModule {}
