import { Injectable } from '@nestjs/common';
import {
  LockMode,
  MikroORM,
  OptimisticLockError,
  UniqueConstraintViolationException,
} from '@mikro-orm/postgresql';
import {
  Conflict,
  Forbidden,
  NotFound,
  ValidationFailed,
  type ChangePartnershipDto,
  type ContactDto,
  type ContactPatchDto,
  type ContactView,
  type CreateEmployerDto,
  type CreateInteractionDto,
  type EmployerListQuery,
  type EmployerView,
  type FieldError,
  type InteractionView,
  type Page,
  type UpdateEmployerDto,
} from '@brobygger/contracts';
import { resolvePlace } from '@brobygger/geo';
import { requestContext } from '@brobygger/platform';
import { Employer, EmployerContact, Interaction, PartnershipChange } from './employer.entity';
import { isValidOrgNumber } from './org-number';
import { toContactView, toEmployerView, toInteractionView } from './views';

export class EmployerNotFound extends NotFound {
  constructor(id: string) {
    super(`Employer ${id} not found`);
  }
}

/** Employer users act only for their own employer; staff and admins for any. */
export function assertMayActFor(employerId: string): void {
  const actor = requestContext.get()?.actor;
  if (actor?.role === 'candidate') throw new Forbidden('Candidates may not manage employers');
  if (actor?.role === 'employer' && actor.employerId !== employerId) {
    throw new Forbidden('Employer users may only manage their own employer');
  }
}

/** Partnerships, interactions and employer records are staff work (the gateway says so too). */
export function assertStaff(): void {
  const role = requestContext.get()?.actor?.role;
  if (role === 'employer' || role === 'candidate') throw new Forbidden('Only staff may do this');
}

export function actorName(): string {
  return requestContext.get()?.actor?.sub ?? 'system';
}

@Injectable()
export class EmployersService {
  constructor(private readonly orm: MikroORM) {}

  async createEmployer(dto: CreateEmployerDto): Promise<EmployerView> {
    assertStaff();
    const errors: FieldError[] = [];
    if (!isValidOrgNumber(dto.orgNumber)) {
      errors.push({ field: 'orgNumber', messages: ['orgNumber fails the MOD11 check digit'] });
    }
    const address = resolvePlace(dto.address ?? {}, 'address', errors);
    if (errors.length) throw new ValidationFailed(errors);
    try {
      const id = await this.orm.em.fork().transactional((em) => {
        const e = em.create(Employer, {
          name: dto.name,
          orgNumber: dto.orgNumber,
          nace: dto.nace ?? null,
          address,
          website: dto.website ?? null,
        });
        for (const c of dto.contacts ?? []) em.create(EmployerContact, contactFields(e.id, c));
        em.create(PartnershipChange, {
          employerId: e.id,
          fromStatus: null,
          toStatus: 'prospect',
          actor: actorName(),
          reason: 'registered',
        });
        return Promise.resolve(e.id);
      });
      return this.getEmployer(id);
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) {
        throw new Conflict(`An employer with organisation number ${dto.orgNumber} already exists`, [
          { field: 'orgNumber', messages: ['already registered'] },
        ]);
      }
      throw err;
    }
  }

  async getEmployer(id: string): Promise<EmployerView> {
    assertMayActFor(id);
    const em = this.orm.em.fork();
    const e = await em.findOne(Employer, { id });
    if (!e) throw new EmployerNotFound(id);
    const [contacts, history] = await Promise.all([
      em.find(EmployerContact, { employerId: id }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
      em.find(PartnershipChange, { employerId: id }, { orderBy: { at: 'asc', id: 'asc' } }),
    ]);
    // The history's reasons are staff's own notes; an employer user sees the status and the agreement.
    const ownView = requestContext.get()?.actor?.role === 'employer';
    return toEmployerView(e, contacts, ownView ? [] : history);
  }

  async listEmployers(q: EmployerListQuery): Promise<Page<EmployerView>> {
    assertStaff();
    const em = this.orm.em.fork();
    const where = {
      ...(q.partnership ? { partnershipStatus: q.partnership } : {}),
      ...(q.q ? { $or: [{ name: { $ilike: `%${escapeLike(q.q)}%` } }, { orgNumber: q.q }] } : {}),
    };
    const [rows, total] = await em.findAndCount(Employer, where, {
      orderBy: { name: 'asc', id: 'asc' },
      limit: q.limit,
      offset: q.offset,
    });
    const ids = rows.map((r) => r.id);
    const [contacts, history] = await Promise.all([
      em.find(EmployerContact, { employerId: { $in: ids } }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
      em.find(PartnershipChange, { employerId: { $in: ids } }, { orderBy: { at: 'asc', id: 'asc' } }),
    ]);
    return {
      items: rows.map((e) =>
        toEmployerView(
          e,
          contacts.filter((c) => c.employerId === e.id),
          history.filter((h) => h.employerId === e.id),
        ),
      ),
      total,
      limit: q.limit,
      offset: q.offset,
    };
  }

  async updateEmployer(id: string, patch: UpdateEmployerDto): Promise<EmployerView> {
    assertStaff();
    const errors: FieldError[] = (['name', 'orgNumber', 'version'] as const)
      .filter((f) => patch[f] === null)
      .map((field) => ({ field, messages: [`${field} may be left out of a change, but not set to null`] }));
    if (patch.orgNumber !== undefined && !isValidOrgNumber(patch.orgNumber)) {
      errors.push({ field: 'orgNumber', messages: ['orgNumber fails the MOD11 check digit'] });
    }
    const address = patch.address ? resolvePlace(patch.address, 'address', errors) : undefined;
    if (errors.length) throw new ValidationFailed(errors);
    try {
      await this.orm.em.fork().transactional(async (em) => {
        const e = await em.findOne(Employer, { id });
        if (!e) throw new EmployerNotFound(id);
        if (e.version !== patch.version) {
          throw new Conflict(`employer ${id} was changed by someone else (version ${e.version}): reload`, [
            { field: 'version', messages: [`current version is ${e.version}`] },
          ]);
        }
        if (patch.name !== undefined) e.name = patch.name;
        if (patch.orgNumber !== undefined) e.orgNumber = patch.orgNumber;
        if (patch.nace !== undefined) e.nace = patch.nace ?? null;
        if (patch.website !== undefined) e.website = patch.website ?? null;
        if (address) e.address = address;
      });
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) {
        throw new Conflict('another employer has this organisation number', [
          { field: 'orgNumber', messages: ['already registered'] },
        ]);
      }
      if (err instanceof OptimisticLockError) {
        throw new Conflict('changed by someone else meanwhile: reload', [
          { field: 'version', messages: ['stale'] },
        ]);
      }
      throw err;
    }
    return this.getEmployer(id);
  }

  /** A new partnership status, recorded with who, when and why; the agreement and commitments with it. */
  async changePartnership(id: string, change: ChangePartnershipDto): Promise<EmployerView> {
    assertStaff();
    if (change.agreementFrom && change.agreementTo && change.agreementTo < change.agreementFrom) {
      throw new ValidationFailed([
        { field: 'agreementTo', messages: ['agreementTo must not be before agreementFrom'] },
      ]);
    }
    await this.orm.em.fork().transactional(async (em) => {
      // Locked: two changes at once are recorded one after the other, each from the status the other left.
      const e = await em.findOne(Employer, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!e) throw new EmployerNotFound(id);
      em.create(PartnershipChange, {
        employerId: id,
        fromStatus: e.partnershipStatus,
        toStatus: change.status,
        actor: actorName(),
        reason: change.reason,
      });
      e.partnershipStatus = change.status;
      if (change.agreementFrom !== undefined) e.agreementFrom = change.agreementFrom;
      if (change.agreementTo !== undefined) e.agreementTo = change.agreementTo;
      if (change.commitments !== undefined) e.commitments = change.commitments ?? {};
    });
    return this.getEmployer(id);
  }

  // --- contacts ------------------------------------------------------------------------------------------

  async addContact(employerId: string, dto: ContactDto): Promise<ContactView> {
    assertMayActFor(employerId);
    const em = this.orm.em.fork();
    if (!(await em.count(Employer, { id: employerId }))) throw new EmployerNotFound(employerId);
    const c = em.create(EmployerContact, contactFields(employerId, dto));
    await em.flush();
    return toContactView(c);
  }

  async updateContact(employerId: string, contactId: string, dto: ContactPatchDto): Promise<ContactView> {
    assertMayActFor(employerId);
    if (dto.name === null)
      throw new ValidationFailed([{ field: 'name', messages: ['name may not be null'] }]);
    const em = this.orm.em.fork();
    const c = await em.findOne(EmployerContact, { id: contactId, employerId });
    if (!c) throw new NotFound(`Contact ${contactId} not found`);
    // What was sent is set (null clears); what was left out stays.
    const next = contactFields(employerId, { ...toContactView(c), ...dto });
    Object.assign(c, next);
    await em.flush();
    return toContactView(c);
  }

  async removeContact(employerId: string, contactId: string): Promise<void> {
    assertMayActFor(employerId);
    const removed = await this.orm.em.fork().nativeDelete(EmployerContact, { id: contactId, employerId });
    if (!removed) throw new NotFound(`Contact ${contactId} not found`);
  }

  // --- interactions --------------------------------------------------------------------------------------

  async addInteraction(employerId: string, dto: CreateInteractionDto): Promise<InteractionView> {
    assertStaff();
    const em = this.orm.em.fork();
    if (!(await em.count(Employer, { id: employerId }))) throw new EmployerNotFound(employerId);
    const i = em.create(Interaction, {
      employerId,
      kind: dto.kind,
      on: dto.on,
      notes: dto.notes,
      actor: actorName(),
    });
    await em.flush();
    return toInteractionView(i);
  }

  async interactions(
    employerId: string,
    page: { limit: number; offset: number },
  ): Promise<Page<InteractionView>> {
    assertStaff();
    const em = this.orm.em.fork();
    if (!(await em.count(Employer, { id: employerId }))) throw new EmployerNotFound(employerId);
    const [rows, total] = await em.findAndCount(
      Interaction,
      { employerId },
      { orderBy: { on: 'desc', createdAt: 'desc' }, limit: page.limit, offset: page.offset },
    );
    return { items: rows.map(toInteractionView), total, ...page };
  }
}

function contactFields(employerId: string, c: ContactDto) {
  return {
    employerId,
    name: c.name,
    role: c.role ?? null,
    email: c.email?.trim().toLowerCase() ?? null,
    phone: c.phone?.replace(/ /g, '') ?? null,
  };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}
