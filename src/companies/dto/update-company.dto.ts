import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, IsUrl, Length, Matches, MaxLength, ValidateIf } from 'class-validator';

/** Present and neither null nor empty: the value is to be set rather than cleared. */
const isSet = (value: unknown): boolean => value !== null && value !== '';

/**
 * Each field needs its own permission: `name` and `banner` administrators, `website`,
 * `telephone` and `email` administrators and managers. Null or an empty string clears an
 * optional field; clearing the banner removes it.
 */
export class UpdateCompanyDto {
  @ApiPropertyOptional({ example: 'Acme Ltd', description: 'Administrators only' })
  @ValidateIf((o: UpdateCompanyDto) => o.name !== undefined)
  @IsString()
  @Length(1, 255)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://acme.test' })
  @ValidateIf((o: UpdateCompanyDto) => o.website !== undefined && isSet(o.website))
  @IsString()
  @MaxLength(255)
  @IsUrl({}, { message: 'website must be a URL' })
  website?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+44 161 123 4567' })
  @ValidateIf((o: UpdateCompanyDto) => o.telephone !== undefined && isSet(o.telephone))
  @IsString()
  @Matches(/^(?=.*[0-9])[0-9+().\- ]{3,64}$/, {
    message: 'telephone must be 3 to 64 digits, spaces and + ( ) . -',
  })
  telephone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'hello@acme.test' })
  @ValidateIf((o: UpdateCompanyDto) => o.email !== undefined && isSet(o.email))
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be a valid email address' })
  email?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Maintenance tonight from 22:00 UTC',
    description: 'Administrators only; null or empty removes the banner',
  })
  @ValidateIf((o: UpdateCompanyDto) => o.banner !== undefined && isSet(o.banner))
  @IsString()
  @MaxLength(2000)
  banner?: string | null;
}
