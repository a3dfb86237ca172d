import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class SwitchCompanyDto {
  @ApiProperty({
    format: 'uuid',
    description: 'A company linked to yours that you hold a grant for, or your own company',
  })
  @IsUUID('all', { message: 'company_id must be a UUID' })
  company_id!: string;
}
