import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  DeliveryListQuery,
  Forbidden,
  Patterns,
  ReplyDto,
  type DeliveryView,
  type NotificationView,
  type Page,
  type ReplyOutcome,
} from '@brobygger/contracts';
import { pickLanguage, renderReplyPage } from '@brobygger/notify';
import { CONFIG, RpcCaller } from '@brobygger/platform';
import type { GatewayConfig } from '../config';
import { currentActor } from '../auth/auth.guard';
import { Public, Roles } from '../auth/roles.decorator';
import { UuidParam } from '../http/params';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly rpc: RpcCaller) {}

  @Get()
  @Roles('staff')
  @ApiOperation({ summary: 'E-mails and SMS with their status; ?status=failed lists what did not go out' })
  deliveries(@Query() q: DeliveryListQuery): Promise<Page<DeliveryView>> {
    return this.rpc.call(Patterns.matching.deliveries, q);
  }

  @Post(':id/reply')
  @HttpCode(200)
  @Roles('candidate')
  @ApiOperation({
    summary: 'Answer a notification: interested, or not for me (stops more about that opening)',
  })
  reply(@UuidParam() id: string, @Body() body: ReplyDto): Promise<NotificationView> {
    if (!currentActor().candidateId) throw new Forbidden('This token is not tied to a candidate profile');
    return this.rpc.call(Patterns.matching.replyToNotification, { id, answer: body.answer });
  }
}

/**
 * The reply links in e-mails and SMS, opened without logging in: `/r/<token>`. Opening one (GET) shows the
 * answer and asks to confirm it; only the confirming POST records it, since mail scanners open links too.
 * Answers are HTML pages in the candidate's language, not JSON.
 */
@Controller('r')
@Public()
export class ReplyLinksController {
  constructor(
    private readonly rpc: RpcCaller,
    @Inject(CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get(':token')
  @ApiExcludeEndpoint()
  open(@Param('token') token: string, @Res() res: Response): Promise<void> {
    return this.answer(token, false, res);
  }

  @Post(':token')
  @ApiExcludeEndpoint()
  confirm(@Param('token') token: string, @Res() res: Response): Promise<void> {
    return this.answer(token, true, res);
  }

  private async answer(token: string, apply: boolean, res: Response): Promise<void> {
    const outcome: ReplyOutcome =
      token.length > 200
        ? { outcome: 'invalid', lang: 'nb' }
        : await this.rpc.call<ReplyOutcome>(Patterns.matching.replyWithToken, { token, apply });
    // The configured address, not the request's Host or X-Forwarded-* headers, which a client controls.
    const here = (t: string) => `${this.config.PUBLIC_URL.replace(/\/$/, '')}/r/${encodeURIComponent(t)}`;
    const page = renderReplyPage({
      lang: pickLanguage(outcome.lang),
      outcome: outcome.outcome,
      ...(outcome.answer ? { answer: outcome.answer } : {}),
      ...(outcome.openingTitle ? { openingTitle: outcome.openingTitle } : {}),
      ...(outcome.counterToken
        ? { confirm: { action: here(token), otherAction: here(outcome.counterToken) } }
        : {}),
    });
    res
      .status(page.status)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        // Tokens are in the URL: keep them out of caches and other sites' Referer headers.
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
      })
      .send(page.html);
  }
}
