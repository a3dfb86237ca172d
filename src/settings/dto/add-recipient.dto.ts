import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsUUID, MaxLength } from 'class-validator';

/** Exactly one of the two: a user of the company, or any email address. */
export class AddRecipientDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A user of the acting company' })
  @IsOptional()
  @IsUUID('all', { message: 'user_id must be a user id' })
  user_id?: string;

  @ApiPropertyOptional({ example: 'ops@acme.test', description: 'Any email address' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(320)
  email?: string;
}
