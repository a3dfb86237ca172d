import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { OAuthClient } from 'src/auth/entities/oauth-client.entity';
import { ListMetaDto } from 'src/common/http/list-query';

export class CreateOAuthClientDto {
  @ApiProperty({ example: 'ERP connector', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;
}

export class OAuthClientResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'pwc_Jx1…' }) client_id!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;

  static from(client: OAuthClient): OAuthClientResponseDto {
    return {
      id: client.id,
      name: client.name,
      client_id: client.clientId,
      created_at: client.createdAt.toISOString(),
    };
  }
}

export class CreatedOAuthClientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'pwc_Jx1…' }) client_id!: string;

  @ApiProperty({ example: 'pws_9fQ…', description: 'Shown this once: only its hash is kept' })
  client_secret!: string;
}

export class OAuthClientListResponseDto {
  @ApiProperty({ type: [OAuthClientResponseDto] }) data!: OAuthClientResponseDto[];
  @ApiProperty({ type: ListMetaDto }) meta!: ListMetaDto;
}

/** RFC 6749 §5.1. */
export class OAuthTokenResponseDto {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <access_token>`' })
  access_token!: string;

  @ApiProperty({ example: 'Bearer' }) token_type!: 'Bearer';
  @ApiProperty({ example: 3600 }) expires_in!: number;
}
