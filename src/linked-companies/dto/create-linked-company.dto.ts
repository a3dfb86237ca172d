import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, IsUrl, Length, Matches, MaxLength, ValidateIf } from 'class-validator';

/** Present and neither null nor empty: the value is to be stored. */
const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** The general details of a new linked company; its email is its point of contact. */
export class CreateLinkedCompanyDto {
  @ApiProperty({ example: 'Globex Retail' })
  @IsString()
  @Length(1, 255)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ example: 'ops@globex.test', description: 'The point of contact' })
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be a valid email address' })
  email!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://globex.test' })
  @ValidateIf((o: CreateLinkedCompanyDto) => isSet(o.website))
  @IsString()
  @MaxLength(255)
  @IsUrl({}, { message: 'website must be a URL' })
  website?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+44 161 123 4567' })
  @ValidateIf((o: CreateLinkedCompanyDto) => isSet(o.telephone))
  @IsString()
  @Matches(/^(?=.*[0-9])[0-9+().\- ]{3,64}$/, {
    message: 'telephone must be 3 to 64 digits, spaces and + ( ) . -',
  })
  telephone?: string | null;
}
