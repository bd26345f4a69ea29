import type { INestMicroservice } from '@nestjs/common';
import pino from 'pino';
import { PrefixedRedisClient, RpcCaller, rpcChannelPrefix, transportOptions } from '@brobygger/platform';
import { emptyExplanation } from '@brobygger/scoring';
import { isolate, type Isolation } from '@brobygger/testing';
import { SkillNames } from '../../apps/matching/src/notifications/skill-names';
import { rpcClient, startTaxonomyService } from './support/services';

const OPERATE_WELDING_EQUIPMENT = 'skill/2fcd95a4-1f9a-41cf-95a9-4701bde476b4';
const OPERATE_FORKLIFT = 'skill/28cb374e-6261-4133-8371-f9a5470145da';

/** What a notification calls a matched skill: its name in the reader's language, from the real taxonomy service. */
describe('skill names in messages', () => {
  let iso: Isolation;
  let taxonomy: INestMicroservice;
  let rpc: RpcCaller;
  let close: () => Promise<void>;
  const explanation = {
    ...emptyExplanation(),
    matchedSkills: [
      { skillId: OPERATE_WELDING_EQUIPMENT, label: 'operate welding equipment', mustHave: true },
    ],
    nearMisses: [
      {
        required: { skillId: OPERATE_FORKLIFT, label: 'operate forklift' },
        have: { skillId: null, label: 'gaffeltruck' },
        closeness: 0.7,
        reason: 'related',
      },
    ],
  };

  beforeAll(async () => {
    iso = await isolate();
    taxonomy = await startTaxonomyService(iso);
    ({ rpc, close } = await rpcClient(iso));
  });
  afterAll(async () => {
    await close?.();
    await taxonomy?.close();
  });

  it('says a matched skill in Arabic, Ukrainian or Norwegian where the taxonomy has a name, else as stored', async () => {
    const names = new SkillNames(rpc, pino({ level: 'silent' }));
    const ar = await names.labeller('ar', [explanation]);
    expect(ar(OPERATE_WELDING_EQUIPMENT, 'operate welding equipment')).toBe('لحام');
    expect(ar(null, 'gaffeltruck')).toBe('gaffeltruck');
    const uk = await names.labeller('uk', [explanation]);
    expect(uk(OPERATE_WELDING_EQUIPMENT, 'operate welding equipment')).toBe('зварювання');
    const nb = await names.labeller('nb', [explanation]);
    expect(nb(OPERATE_FORKLIFT, 'operate forklift')).toBe('truck');
  });

  it('falls back to the stored labels when the taxonomy does not answer, and the message still goes', async () => {
    // A client on a prefix no service listens on, with a short timeout: the taxonomy is "down".
    const client = new PrefixedRedisClient(
      rpcChannelPrefix(`${iso.redisPrefix}nobody:`),
      transportOptions(iso.redisUrl),
    );
    await client.connect();
    try {
      const names = new SkillNames(new RpcCaller(client, 500), pino({ level: 'silent' }));
      const ar = await names.labeller('ar', [explanation]);
      expect(ar(OPERATE_WELDING_EQUIPMENT, 'operate welding equipment')).toBe('operate welding equipment');
    } finally {
      await client.close();
    }
  });
});
