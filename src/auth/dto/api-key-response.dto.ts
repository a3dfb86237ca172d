import { ApiProperty } from '@nestjs/swagger';
import { ApiKey } from 'src/auth/entities/api-key.entity';
import { ListMetaDto } from 'src/common/http/list-query';

export class CreatedApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;

  @ApiProperty({
    example: 'pwk_0Zq3…',
    description: 'Shown this once: only its hash is kept. Send it as `Authorization: <key>`.',
  })
  key!: string;
}

export class ApiKeyResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'pwk_…x9Qa', description: 'The end of the key, to tell keys apart' })
  key_hint!: string;

  @ApiProperty({ format: 'date-time' }) created_at!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'To a minute' })
  last_used_at!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  revoked_at!: string | null;

  static from(key: ApiKey): ApiKeyResponseDto {
    return {
      id: key.id,
      name: key.name,
      key_hint: `pwk_…${key.keyHint}`,
      created_at: key.createdAt.toISOString(),
      last_used_at: key.lastUsedAt?.toISOString() ?? null,
      revoked_at: key.revokedAt?.toISOString() ?? null,
    };
  }
}

export class ApiKeyListResponseDto {
  @ApiProperty({ type: [ApiKeyResponseDto] }) data!: ApiKeyResponseDto[];
  @ApiProperty({ type: ListMetaDto }) meta!: ListMetaDto;
}
