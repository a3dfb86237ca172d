import { ApiProperty } from '@nestjs/swagger';
import { DEFAULT_PER_PAGE } from 'src/audit/audit-query';
import { AUDIT_ACTIONS } from 'src/audit/audit.types';
import { AuditLog } from 'src/audit/entities/audit-log.entity';

export class AuditActorDto {
  @ApiProperty({ enum: ['user', 'api_key', 'machine', 'system', 'anonymous'] })
  type!: string;

  @ApiProperty({ nullable: true, type: String, description: 'User, API key or OAuth client id' })
  id!: string | null;

  @ApiProperty({ nullable: true, type: String })
  name!: string | null;
}

export class AuditTargetDto {
  @ApiProperty({ nullable: true, type: String, example: 'user' })
  type!: string | null;

  @ApiProperty({ nullable: true, type: String })
  id!: string | null;
}

export class AuditLogResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) company_id!: string | null;
  @ApiProperty({ type: AuditActorDto }) actor!: AuditActorDto;
  @ApiProperty({ example: 'auth.login.succeeded' }) event!: string;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: string;
  @ApiProperty({ type: AuditTargetDto }) target!: AuditTargetDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Before/after values, without secrets',
  })
  changes!: object | null;

  @ApiProperty({ nullable: true, type: String }) ip!: string | null;
  @ApiProperty({ nullable: true, type: String }) user_agent!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;

  static from(entry: AuditLog): AuditLogResponseDto {
    return {
      id: entry.id,
      company_id: entry.companyId,
      actor: { type: entry.actorType, id: entry.actorId, name: entry.actorName },
      event: entry.event,
      action: entry.action,
      target: { type: entry.targetType, id: entry.targetId },
      changes: entry.changes,
      ip: entry.ip,
      user_agent: entry.userAgent,
      created_at: entry.createdAt.toISOString(),
    };
  }
}

export class AuditListMetaDto {
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: DEFAULT_PER_PAGE }) per_page!: number;
  @ApiProperty({ example: 1 }) total!: number;
}

export class AuditLogListResponseDto {
  @ApiProperty({ type: [AuditLogResponseDto] }) data!: AuditLogResponseDto[];
  @ApiProperty({ type: AuditListMetaDto }) meta!: AuditListMetaDto;
}
