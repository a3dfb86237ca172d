import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { UnlessAbsent } from 'src/common/http/unless-absent.decorator';

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
