import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength, ValidateIf } from 'class-validator';

// Unlike @IsOptional, null is not "absent": `{"email": null}` is a 422, not a silent no-op.
const UnlessAbsent = (): PropertyDecorator => ValidateIf((_dto, value) => value !== undefined);

export class UpdateMeDto {
  @ApiPropertyOptional({ example: 'Ada' })
  @UnlessAbsent()
  @IsString()
  @Length(1, 100)
  first_name?: string;

  @ApiPropertyOptional({ example: 'Lovelace' })
  @UnlessAbsent()
  @IsString()
  @Length(1, 100)
  last_name?: string;

  @ApiPropertyOptional({
    example: 'ada@acme.test',
    description: 'The sign-in email; takes effect at once, and the old address is told',
  })
  @UnlessAbsent()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(320)
  email?: string;
}
